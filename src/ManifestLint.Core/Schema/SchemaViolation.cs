using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Schema;

public enum SchemaViolationKind
{
    /// <summary>A key the type does not have (<see cref="SchemaViolation.Expected"/> holds the closest known name, if any).</summary>
    UnknownField,

    /// <summary>A value of the wrong JSON type (<see cref="SchemaViolation.Expected"/>: the types allowed).</summary>
    WrongType,

    /// <summary>A string outside its enum (<see cref="SchemaViolation.Expected"/>: the values allowed).</summary>
    NotInEnum,

    /// <summary>A required field that is absent or null (<see cref="SchemaViolation.Name"/>).</summary>
    MissingRequired,

    /// <summary><c>metadata.namespace</c> on a cluster-scoped kind.</summary>
    NamespaceOnClusterScopedKind,

    /// <summary>An apiVersion the target release no longer serves (<see cref="SchemaViolation.Expected"/>: removed in, replacement).</summary>
    RemovedApiVersion,

    /// <summary>An apiVersion the target release serves but has deprecated (<see cref="SchemaViolation.Expected"/>: deprecated in, removed in, replacement).</summary>
    DeprecatedApiVersion,

    /// <summary>A field or kind that came after the target release (<see cref="SchemaViolation.Expected"/>: the release that added it).</summary>
    NewerThanTarget,

    /// <summary>
    /// A value outside the format its field states (<see cref="SchemaViolation.Expected"/>: the format's name;
    /// <see cref="SchemaViolation.Actual"/>: the value): a Secret value that is not base64, a time that is not RFC 3339, a
    /// number beyond int32.
    /// </summary>
    FormatMismatch,

    /// <summary>A custom resource's value breaks another constraint of its CRD (pattern, bounds, oneOf); <see cref="SchemaViolation.Actual"/> says which.</summary>
    ConstraintViolated,

    /// <summary>
    /// An item of a custom resource's list that the CRD makes a set or a map (<c>x-kubernetes-list-type</c>) and that repeats
    /// an earlier item, or its key values (<see cref="SchemaViolation.Expected"/>: the map's keys; none for a set);
    /// <see cref="SchemaViolation.First"/> is the earlier item.
    /// </summary>
    DuplicateListItem,
}

/// <summary>
/// One mistake against a kind's schema. <see cref="Pointer"/> is the JSON pointer of the offending value (of the object, for
/// a missing field), as a JSON Schema validator names it; <see cref="Path"/> is the same place for people
/// (<c>spec.template.spec.containers[0].ports[0]</c>); <see cref="Span"/> is the key or value to underline.
/// </summary>
public sealed record SchemaViolation(
    SchemaViolationKind Kind,
    string Pointer,
    string Path,
    TextSpan Span,
    string Name,
    string TypeName,
    IReadOnlyList<string> Expected,
    string? Actual = null)
{
    /// <summary>Another place the mistake involves, for people (<c>spec.ports[0]</c>) and to underline: the first of two duplicates.</summary>
    public (string Path, TextSpan Span)? First { get; init; }
}
