using System.Collections.Frozen;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Schema;

/// <summary>
/// One schema of the generated document, compiled to what a walk over a manifest needs: the JSON types allowed, the
/// properties of an object and whether others are allowed, its required fields, the schema of a map's values and of a
/// list's items, an enum and a format. <see cref="JsonKind.None"/> allows every type (an untyped holder such as RawExtension).
/// The generator emits only these keywords (plus allOf/const in the per-kind wrappers, which the validator reads itself).
/// </summary>
internal sealed class SchemaNode
{
    public static readonly SchemaNode Open = new() { TypeName = "" };

    public JsonKind Types { get; set; }

    /// <summary>The definition this schema is (ContainerPort), for messages; a property's own schema has its owner's.</summary>
    public required string TypeName { get; set; }

    public FrozenDictionary<string, SchemaNode>? Properties { get; set; }

    /// <summary>The minor release that added a property, for the properties added after 1.33 (x-kubernetes-since).</summary>
    public FrozenDictionary<string, int>? PropertySince { get; set; }

    /// <summary>additionalProperties: false, so a key outside <see cref="Properties"/> is a mistake.</summary>
    public bool Closed { get; set; }

    public SchemaNode? MapValues { get; set; }

    public SchemaNode? Items { get; set; }

    public string[] Required { get; set; } = [];

    public FrozenSet<string>? Enum { get; set; }

    /// <summary>The enum's values in the document's (sorted) order, for the message.</summary>
    public string[] EnumValues { get; set; } = [];

    /// <summary>The format a scalar must have (base64, RFC 3339 time, int32 range); None for most.</summary>
    public KubernetesFormat Format { get; set; }
}
