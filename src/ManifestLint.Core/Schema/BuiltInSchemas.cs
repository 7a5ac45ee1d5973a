using System.Collections.Frozen;
using System.IO.Compression;
using System.Text.Json;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Schema;

/// <summary>What the schema document says about one group/version/kind.</summary>
public sealed record KindSchemaInfo(string ApiVersion, string Kind, string SchemaName, bool? Namespaced)
{
    /// <summary>The minors that serve the kind (1.33 to 1.36); null when the table does not say (list kinds and the like).</summary>
    public IReadOnlyList<int>? ServedIn { get; init; }
}

/// <summary>
/// The built-in kinds' schemas: the JSON Schema document that tests/ManifestLint.SchemaGenerator writes from the Kubernetes
/// API description (embedded, gzip), compiled once into <see cref="SchemaNode"/>s for the fast walk in <see cref="SchemaValidator"/>.
/// The same document is what a JSON Schema evaluator reads (<see cref="DocumentJson"/>), so both judge by one source.
/// </summary>
public sealed class BuiltInSchemas
{
    public const string ResourceName = "ManifestLint.Core.Schema.kubernetes.schema.json.gz";

    private static readonly Lazy<BuiltInSchemas> LazyInstance = new(() => Load(ReadEmbeddedJson()));

    private readonly FrozenDictionary<(string ApiVersion, string Kind), KindSchemaInfo> _kinds;
    private readonly Dictionary<string, SchemaNode> _compiled;

    private BuiltInSchemas(string json, FrozenDictionary<(string, string), KindSchemaInfo> kinds, Dictionary<string, SchemaNode> compiled) =>
        (DocumentJson, _kinds, _compiled) = (json, kinds, compiled);

    public static BuiltInSchemas Instance => LazyInstance.Value;

    /// <summary>The whole generated JSON Schema document (draft-07).</summary>
    public string DocumentJson { get; }

    public IEnumerable<KindSchemaInfo> Kinds => _kinds.Values.OrderBy(k => k.SchemaName, StringComparer.Ordinal);

    public KindSchemaInfo? Find(string apiVersion, string kind) => _kinds.GetValueOrDefault((apiVersion, kind));

    private FrozenDictionary<(string ApiVersion, string Kind), ApiLifecycle> _lifecycle = FrozenDictionary<(string, string), ApiLifecycle>.Empty;

    /// <summary>The deprecation and removal of an apiVersion of a kind; null when it is neither deprecated nor removed.</summary>
    public ApiLifecycle? LifecycleOf(string apiVersion, string kind) => _lifecycle.GetValueOrDefault((apiVersion, kind));

    internal SchemaNode RootOf(KindSchemaInfo kind) => _compiled[kind.SchemaName];

    public static string ReadEmbeddedJson()
    {
        using var stream = typeof(BuiltInSchemas).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }

    internal static BuiltInSchemas Load(string json)
    {
        using var document = JsonDocument.Parse(json);
        var definitions = document.RootElement.GetProperty("definitions");
        var compiler = new Compiler(definitions);
        var kinds = new Dictionary<(string, string), KindSchemaInfo>();
        foreach (var entry in document.RootElement.GetProperty("kinds").EnumerateArray())
        {
            var info = new KindSchemaInfo(
                entry.GetProperty("apiVersion").GetString()!,
                entry.GetProperty("kind").GetString()!,
                entry.GetProperty("schema").GetString()!,
                entry.GetProperty("namespaced").ValueKind == JsonValueKind.Null ? null : entry.GetProperty("namespaced").GetBoolean())
            {
                ServedIn = entry.TryGetProperty("servedIn", out var served)
                    ? [.. served.EnumerateArray().Select(v => KubernetesVersion.MinorOf(v.GetString()) ?? 0)]
                    : null,
            };
            kinds[(info.ApiVersion, info.Kind)] = info;

            // The wrapper is allOf [the kind's definition] with apiVersion and kind pinned: the object was found by exactly
            // those two values, so the pins always hold and the walk starts at the definition.
            var wrapped = definitions.GetProperty(info.SchemaName).GetProperty("allOf")[0].GetProperty("$ref").GetString()!;
            compiler.Definitions[info.SchemaName] = compiler.Definition(wrapped["#/definitions/".Length..]);
        }

        var lifecycle = document.RootElement.GetProperty("lifecycle").EnumerateArray()
            .Select(e => new ApiLifecycle(e.GetProperty("apiVersion").GetString()!, e.GetProperty("kind").GetString()!,
                e.GetProperty("deprecatedIn").GetString(), e.GetProperty("removedIn").GetString(), e.GetProperty("replacement").GetString()))
            .ToFrozenDictionary(l => (l.ApiVersion, l.Kind));
        return new BuiltInSchemas(json, kinds.ToFrozenDictionary(), compiler.Definitions) { _lifecycle = lifecycle };
    }

    private sealed class Compiler(JsonElement definitions)
    {
        public Dictionary<string, SchemaNode> Definitions { get; } = new(StringComparer.Ordinal);

        public SchemaNode Definition(string name)
        {
            if (Definitions.TryGetValue(name, out var known))
            {
                return known;
            }

            // Registered before it is filled, so recursive types (JSONSchemaProps) point at themselves.
            var node = new SchemaNode { TypeName = ShortName(name) };
            Definitions[name] = node;
            Fill(node, definitions.GetProperty(name), node.TypeName);
            return node;
        }

        private SchemaNode Compile(JsonElement schema, string owner)
        {
            if (schema.TryGetProperty("$ref", out var reference))
            {
                return Definition(reference.GetString()!["#/definitions/".Length..]);
            }

            var node = new SchemaNode { TypeName = owner };
            Fill(node, schema, owner);
            return node;
        }

        private void Fill(SchemaNode node, JsonElement schema, string owner)
        {
            if (schema.TryGetProperty("type", out var type))
            {
                node.Types = type.ValueKind == JsonValueKind.Array
                    ? type.EnumerateArray().Aggregate(JsonKind.None, (all, t) => all | KindOfTypeName(t.GetString()!))
                    : KindOfTypeName(type.GetString()!);
            }

            if (schema.TryGetProperty("properties", out var properties))
            {
                node.Properties = properties.EnumerateObject().ToFrozenDictionary(p => p.Name, p => Compile(p.Value, owner), StringComparer.Ordinal);
                var since = properties.EnumerateObject()
                    .Where(p => p.Value.TryGetProperty("x-kubernetes-since", out _))
                    .ToDictionary(p => p.Name, p => KubernetesVersion.MinorOf(p.Value.GetProperty("x-kubernetes-since").GetString()) ?? 0, StringComparer.Ordinal);
                node.PropertySince = since.Count == 0 ? null : since.ToFrozenDictionary(StringComparer.Ordinal);
            }

            if (schema.TryGetProperty("additionalProperties", out var additional))
            {
                if (additional.ValueKind == JsonValueKind.False)
                {
                    node.Closed = true;
                }
                else if (additional.ValueKind == JsonValueKind.Object)
                {
                    node.MapValues = Compile(additional, owner);
                }
            }

            if (schema.TryGetProperty("required", out var required))
            {
                node.Required = [.. required.EnumerateArray().Select(r => r.GetString()!)];
            }

            if (schema.TryGetProperty("items", out var items))
            {
                node.Items = Compile(items, owner);
            }

            if (schema.TryGetProperty("format", out var format))
            {
                node.Format = KubernetesFormats.FromBuiltIn(format.GetString());
            }

            if (schema.TryGetProperty("enum", out var values))
            {
                node.EnumValues = [.. values.EnumerateArray().Select(v => v.GetString()!)];
                node.Enum = node.EnumValues.ToFrozenSet(StringComparer.Ordinal);
            }
        }

        private static JsonKind KindOfTypeName(string name) => name switch
        {
            "object" => JsonKind.Object,
            "array" => JsonKind.Array,
            "string" => JsonKind.String,
            "integer" => JsonKind.Integer,
            "number" => JsonKind.Number | JsonKind.Integer,
            "boolean" => JsonKind.Boolean,
            "null" => JsonKind.Null,
            _ => JsonKind.None,
        };

        private static string ShortName(string definition) => definition[(definition.LastIndexOf('.') + 1)..];
    }
}
