using System.Globalization;

namespace ManifestLint.Core.Schema;

/// <summary>
/// The Kubernetes release a run targets (<c>--kubernetes-version</c>, <c>kubernetesVersion:</c> in .manifestlint.yaml,
/// <c>ManifestLintKubernetesVersion</c> in MSBuild): which apiVersions are removed or deprecated, and which fields and
/// kinds are too new. The schema describes 1.35 with 1.36's additions and records when fields came, so 1.33 to 1.36
/// can be judged.
/// </summary>
public readonly record struct KubernetesVersion(int Minor) : IComparable<KubernetesVersion>
{
    public const int OldestMinor = 33;
    public const int NewestMinor = 36;

    public static KubernetesVersion Default { get; } = new(NewestMinor);

    public static IReadOnlyList<string> Supported { get; } = [.. Enumerable.Range(OldestMinor, NewestMinor - OldestMinor + 1).Select(m => $"1.{m}")];

    /// <summary>"1.35" (or "v1.35", "1.35.2"); null when it is not a supported release.</summary>
    public static KubernetesVersion? Parse(string? text)
    {
        var trimmed = text?.Trim().TrimStart('v') ?? "";
        var parts = trimmed.Split('.');
        return parts.Length is 2 or 3 && parts[0] == "1" && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            && minor is >= OldestMinor and <= NewestMinor
            ? new KubernetesVersion(minor)
            : null;
    }

    /// <summary>A release as the tables write it ("1.22"); null for none or an unreadable one.</summary>
    public static int? MinorOf(string? release)
    {
        var parts = release?.Split('.');
        return parts is { Length: 2 } && parts[0] == "1" && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor) ? minor : null;
    }

    public int CompareTo(KubernetesVersion other) => Minor.CompareTo(other.Minor);

    public override string ToString() => $"1.{Minor}";
}

/// <summary>When an apiVersion of a kind was deprecated and stopped being served, and what replaces it (deprecations table).</summary>
public sealed record ApiLifecycle(string ApiVersion, string Kind, string? DeprecatedIn, string? RemovedIn, string? Replacement);
