using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;

namespace ManifestLint.Core.World;

/// <summary>What the input says about the target of a reference.</summary>
public enum Presence
{
    /// <summary>The target is in the input (or will be created from it, or is declared to exist outside it).</summary>
    Present,

    /// <summary>The target is not there, and something in the input or its configuration says it should be.</summary>
    Absent,

    /// <summary>The target is not in the input, and nothing says it should be: it may exist outside the input.</summary>
    Unknowable,
}

/// <summary>
/// Why a target that is not in the input is taken to be missing, rather than created somewhere the input cannot see.
/// The input is not the cluster, so a rule reports a missing target at warning or above only with one of these.
/// </summary>
public enum EvidenceKind
{
    /// <summary>Something close exists: a similar name, a selector one label or value away from a pod template.</summary>
    NearMiss,

    /// <summary>The target exists in another namespace of the same deployment unit (a lost or wrong namespace).</summary>
    OtherNamespace,

    /// <summary>The input declares the set the target should belong to, in full: the container's ports, the Secret's keys.</summary>
    DeclaredSet,

    /// <summary>.manifestlint.yaml declares the input complete for the namespace (or the kind in it).</summary>
    DeclaredComplete,

    /// <summary>The referrer's deployment unit declares objects of this kind in the namespace, so it manages them there.</summary>
    UnitManagesKind,
}

/// <summary>
/// The evidence for one missing target, with its explanation written once for every rule: the message detail (appended to
/// the rule's message), the related locations that show it, and the fix it suggests.
/// </summary>
public sealed record Evidence(EvidenceKind Kind, string Detail, IReadOnlyList<RelatedLocation> Related, string? Help);

/// <summary>The answer to "does the object this reference names exist?".</summary>
public sealed record ObjectResolution(Presence Presence, IReadOnlyList<Resource> Targets, Evidence? Evidence)
{
    public static ObjectResolution Unknowable { get; } = new(Presence.Unknowable, [], null);

    public static ObjectResolution Present(IReadOnlyList<Resource> targets) => new(Presence.Present, targets, null);

    public bool IsAbsent => Presence == Presence.Absent;
}

/// <summary>The answer to "which pods does this selector select?".</summary>
public sealed record PodResolution(Presence Presence, IReadOnlyList<PodTemplate> Pods, Evidence? Evidence)
{
    public static PodResolution Unknowable { get; } = new(Presence.Unknowable, [], null);

    public bool IsAbsent => Presence == Presence.Absent;
}

/// <summary>What a reference asks for: an object of a kind with a name in a namespace (null for cluster-scoped kinds).</summary>
/// <param name="Matches">Narrows the candidates further (API group, a scale target's kind); null accepts every object of the kind.</param>
/// <param name="NamespaceIsWritten">
/// The reference writes the namespace itself (a RoleBinding subject's <c>namespace</c>), rather than taking the referrer's.
/// </param>
public sealed record ObjectQuery(string Kind, string? Namespace, string Name, Func<Resource, bool>? Matches = null, bool NamespaceIsWritten = false)
{
    public bool Accepts(Resource candidate) => Matches is null || Matches(candidate);
}
