using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ManifestLint.SchemaGenerator;

public sealed record GeneratedSchema(string Json, int Kinds, int Definitions);

/// <summary>
/// Turns the upstream Kubernetes 1.35 OpenAPI v3 documents (shared/kubernetes-api, see its README) into one strict JSON
/// Schema document (draft-07): every definition under <c>definitions</c>, and one wrapper per group/version/kind named
/// <c>gvk.GROUP.VERSION.KIND</c> that pins apiVersion and kind. Upstream leaves every object open and publishes no enums,
/// so this adds what a linter needs: <c>additionalProperties: false</c> on objects with properties, the derived enums, the
/// special scalars (int-or-string, quantity, time) as type unions, the formats the API server enforces, and the 1.36 additions (the default target).
/// Descriptions and defaults are dropped: the product only validates.
/// </summary>
public static class KubernetesSchemaGenerator
{
    public const string Draft07 = "http://json-schema.org/draft-07/schema#";

    public const string SchemaFileName = "kubernetes.schema.json.gz";

    public const string GatewayApiFileName = "gateway-api-v1.6.1.crds.yaml.gz";

    /// <summary>Definitions whose value must stay open: their content is arbitrary JSON (README "untyped holders").</summary>
    private static readonly HashSet<string> UntypedHolders = new(StringComparer.Ordinal)
    {
        "io.k8s.apimachinery.pkg.runtime.RawExtension",
        "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1",
        "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON",
        "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool",
        "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray",
        "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray",
    };

    /// <summary>
    /// Scalars with a special form (README "scalar types"). Time-like values and quantities accept null, as kubectl-validate
    /// allows. Time keeps upstream's date-time format (metav1.Time parses RFC 3339) and IntOrString its int-or-string (the
    /// integer is an int32); MicroTime's date-time is dropped, as it parses with a layout of exactly six fractional digits
    /// that the date-time check does not express.
    /// </summary>
    private static readonly Dictionary<string, (string[] Types, string? Format)> SpecialScalars = new(StringComparer.Ordinal)
    {
        ["io.k8s.apimachinery.pkg.util.intstr.IntOrString"] = (["integer", "string"], "int-or-string"),
        ["io.k8s.apimachinery.pkg.api.resource.Quantity"] = (["string", "number", "null"], null),
        ["io.k8s.apimachinery.pkg.apis.meta.v1.Time"] = (["string", "null"], "date-time"),
        ["io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime"] = (["string", "null"], null),
        ["io.k8s.apimachinery.pkg.apis.meta.v1.Duration"] = (["string", "null"], null),
    };

    /// <summary>
    /// The formats of upstream's scalar properties that are kept: each is enforced by the API server when it decodes the
    /// value into its Go type (base64 into []byte, range into int32/int64, a finite float64), and checked by
    /// ManifestLint.Core's KubernetesFormats.
    /// </summary>
    private static readonly HashSet<string> CheckedScalarFormats = new(StringComparer.Ordinal) { "byte", "int32", "int64", "double" };

    /// <summary>Kinds new in 1.36 whose structure equals a 1.35 definition (README "1.36 delta", checked against client-go v0.36.3).</summary>
    private static readonly (string ApiVersion, string Kind, string Definition)[] KindsNewIn136 =
    [
        ("admissionregistration.k8s.io/v1", "MutatingAdmissionPolicy", "io.k8s.api.admissionregistration.v1beta1.MutatingAdmissionPolicy"),
        ("admissionregistration.k8s.io/v1", "MutatingAdmissionPolicyBinding", "io.k8s.api.admissionregistration.v1beta1.MutatingAdmissionPolicyBinding"),
        ("resource.k8s.io/v1beta2", "DeviceTaintRule", "io.k8s.api.resource.v1alpha3.DeviceTaintRule"),
    ];

    public static GeneratedSchema Generate(string kubernetesApiDirectory)
    {
        var enums = ReadEnums(kubernetesApiDirectory);
        var scopes = ReadScopes(kubernetesApiDirectory);
        var served = ReadServedVersions(kubernetesApiDirectory);
        var definitions = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        var kinds = new SortedDictionary<string, (string ApiVersion, string Kind, string Definition)>(StringComparer.Ordinal);
        var documents = Directory.GetFiles(Path.Combine(kubernetesApiDirectory, "openapi-v3", "1.35"), "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            var schemas = JsonNode.Parse(File.ReadAllText(document))!["components"]!["schemas"]!.AsObject();
            foreach (var (name, schema) in schemas)
            {
                // Documents repeat shared types (ObjectMeta, PodSpec); the copies are identical, the first one is kept.
                definitions.TryAdd(name, NormalizeDefinition(name, schema!, enums));
                foreach (var gvk in schema!["x-kubernetes-group-version-kind"]?.AsArray() ?? [])
                {
                    var group = (string)gvk!["group"]!;
                    var version = (string)gvk["version"]!;
                    var apiVersion = group.Length == 0 ? version : $"{group}/{version}";
                    kinds.TryAdd(WrapperName(apiVersion, (string)gvk["kind"]!), (apiVersion, (string)gvk["kind"]!, name));
                }
            }
        }

        AddFieldsOf136(kubernetesApiDirectory, definitions, enums);
        MarkFieldsSince(kubernetesApiDirectory, definitions);
        foreach (var added in KindsNewIn136)
        {
            kinds.TryAdd(WrapperName(added.ApiVersion, added.Kind), added);
        }

        var kindList = new JsonArray();
        foreach (var (wrapper, (apiVersion, kind, definition)) in kinds)
        {
            definitions[wrapper] = new JsonObject
            {
                ["allOf"] = new JsonArray(Ref(definition)),
                ["properties"] = new JsonObject
                {
                    ["apiVersion"] = new JsonObject { ["const"] = apiVersion },
                    ["kind"] = new JsonObject { ["const"] = kind },
                },
                ["required"] = new JsonArray("apiVersion", "kind"),
            };
            var entry = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["schema"] = wrapper };
            entry["namespaced"] = scopes.TryGetValue((apiVersion, kind), out var namespaced) ? namespaced : null;
            if (served.TryGetValue((apiVersion, kind), out var versions))
            {
                entry["servedIn"] = new JsonArray([.. versions.Select(v => (JsonNode)v)]);
            }

            kindList.Add(entry);
        }

        var root = new JsonObject
        {
            ["$schema"] = Draft07,
            ["$comment"] = "Generated by tests/ManifestLint.SchemaGenerator from shared/kubernetes-api (Kubernetes 1.35 OpenAPI v3, derived enums, 1.36 additions). Do not edit.",
            ["kinds"] = kindList,
            ["lifecycle"] = ReadLifecycle(kubernetesApiDirectory),
            ["definitions"] = new JsonObject(definitions.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Value))),
        };
        var json = root.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
        return new GeneratedSchema(json, kinds.Count, definitions.Count - kinds.Count);
    }

    /// <summary>
    /// The bundled Gateway API CRDs (standard channel) as one multi-document YAML stream, in file order, each introduced by
    /// a comment naming its file. The product validates Gateway API resources against them when the input has no CRD of its own.
    /// </summary>
    public static string BundleGatewayApiCrds(string kubernetesApiDirectory)
    {
        var folder = Path.Combine(kubernetesApiDirectory, "crds", "gateway-api-v1.6.1-standard");
        var text = new StringBuilder("# Gateway API v1.6.1 standard channel CRDs (kubernetes-sigs/gateway-api config/crd/standard, Apache-2.0), bundled by tests/ManifestLint.SchemaGenerator.\n");
        foreach (var file in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var content = File.ReadAllText(file);
            if (!content.Contains("kind: CustomResourceDefinition", StringComparison.Ordinal))
            {
                continue; // the safe-upgrades ValidatingAdmissionPolicy is not a CRD
            }

            text.Append("---\n# ").Append(Path.GetFileName(file)).Append('\n').Append(content.TrimStart('-', '\n').TrimEnd()).Append('\n');
        }

        return text.ToString();
    }

    public static string WrapperName(string apiVersion, string kind)
    {
        var slash = apiVersion.IndexOf('/');
        var (group, version) = slash < 0 ? ("core", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        return $"gvk.{group}.{version}.{kind}";
    }

    /// <summary>gzip with a zero timestamp: the same JSON always gives the same bytes, so regenerating leaves git clean.</summary>
    public static byte[] Compress(string json)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(json));
        }

        return buffer.ToArray();
    }

    private static JsonObject Ref(string definition) => new() { ["$ref"] = "#/definitions/" + definition };

    private static JsonNode NormalizeDefinition(string name, JsonNode schema, EnumTable enums)
    {
        if (UntypedHolders.Contains(name))
        {
            return new JsonObject();
        }

        if (SpecialScalars.TryGetValue(name, out var special))
        {
            var scalar = new JsonObject { ["type"] = new JsonArray([.. special.Types.Select(t => (JsonNode)t)]) };
            if (special.Format is { } format)
            {
                scalar["format"] = format;
            }

            return scalar;
        }

        return Normalize(schema, name, enums);
    }

    /// <summary>A schema as the validator needs it; <paramref name="owner"/> is the definition whose properties are being read, for enums.</summary>
    private static JsonNode Normalize(JsonNode schema, string? owner, EnumTable enums)
    {
        if (schema["$ref"] is { } directRef)
        {
            return Ref(DefinitionName((string)directRef!));
        }

        // "$ref is usually wrapped as allOf: [{$ref}] beside description and default" (README quirks).
        if (schema["allOf"] is JsonArray { Count: 1 } allOf && allOf[0]!["$ref"] is { } wrappedRef)
        {
            return Ref(DefinitionName((string)wrappedRef!));
        }

        var type = (string?)schema["type"];
        var preserveUnknown = (bool?)schema["x-kubernetes-preserve-unknown-fields"] == true;
        switch (type)
        {
            case "object":
            {
                var result = new JsonObject { ["type"] = "object" };
                if (schema["properties"] is JsonObject properties)
                {
                    var normalized = new JsonObject();
                    foreach (var (property, propertySchema) in properties.OrderBy(p => p.Key, StringComparer.Ordinal))
                    {
                        var value = Normalize(propertySchema!, null, enums);
                        if (owner is not null)
                        {
                            enums.Apply(owner, property, value);
                        }

                        normalized[property] = value;
                    }

                    result["properties"] = normalized;
                    if (schema["required"] is JsonArray required)
                    {
                        result["required"] = new JsonArray([.. required.Select(r => (string)r!).Order(StringComparer.Ordinal).Select(r => (JsonNode)r)]);
                    }

                    if (!preserveUnknown && schema["additionalProperties"] is null)
                    {
                        result["additionalProperties"] = false;
                    }
                }

                if (schema["additionalProperties"] is JsonObject mapValues)
                {
                    result["additionalProperties"] = Normalize(mapValues, null, enums);
                }

                return result;
            }

            case "array":
                return new JsonObject { ["type"] = "array", ["items"] = schema["items"] is { } items ? Normalize(items, null, enums) : new JsonObject() };
            case "string" or "integer" or "number" or "boolean":
            {
                var scalar = new JsonObject { ["type"] = type };
                if ((string?)schema["format"] is { } format && CheckedScalarFormats.Contains(format))
                {
                    scalar["format"] = format;
                }

                return scalar;
            }

            default:
                return new JsonObject(); // untyped (README: schemas "{}" hold anything)
        }
    }

    private static string DefinitionName(string reference) => reference[(reference.LastIndexOf('/') + 1)..];

    /// <summary>Adds the fields 1.36 added to existing types (field-changes, step 1.35 to 1.36), and drops the ones it removed.</summary>
    private static void AddFieldsOf136(string directory, SortedDictionary<string, JsonNode> definitions, EnumTable enums)
    {
        var changes = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "derived", "field-changes-1.33-to-1.36.json")))!;
        var step = changes["steps"]!.AsArray().Single(s => (string)s!["to"]! == "1.36")!;
        foreach (var (type, fields) in step["fieldsAdded"]!.AsObject())
        {
            if (!definitions.TryGetValue(type, out var definition) || definition["properties"] is not JsonObject properties)
            {
                continue; // a type that 1.35 does not serve: no kind of ours holds it
            }

            foreach (var (field, shape) in fields!.AsObject())
            {
                var schema = FromStructuralShape(shape!, definitions);
                enums.Apply(type, field, schema);
                properties[field] = schema;
            }

            SortProperties(properties);
        }

        foreach (var (type, fields) in step["fieldsRemoved"]!.AsObject())
        {
            if (definitions.TryGetValue(type, out var definition) && definition["properties"] is JsonObject properties)
            {
                foreach (var field in fields!.AsArray())
                {
                    properties.Remove((string)field!);
                }
            }
        }
    }

    private static void SortProperties(JsonObject properties)
    {
        var sorted = properties.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        properties.Clear();
        foreach (var (key, value) in sorted)
        {
            properties[key] = value?.DeepClone();
        }
    }

    /// <summary>A schema for a structured-merge-diff field shape: scalars typed, named types by reference when 1.35 has them, else open.</summary>
    private static JsonNode FromStructuralShape(JsonNode shape, SortedDictionary<string, JsonNode> definitions)
    {
        if ((string?)shape["scalar"] is { } scalar)
        {
            return scalar switch
            {
                "string" => new JsonObject { ["type"] = "string" },
                "numeric" => new JsonObject { ["type"] = "number" },
                "boolean" => new JsonObject { ["type"] = "boolean" },
                _ => new JsonObject(),
            };
        }

        if ((string?)shape["namedType"] is { } named)
        {
            return definitions.ContainsKey(named) ? Ref(named) : new JsonObject();
        }

        if (shape["list"]?["elementType"] is { } element)
        {
            return new JsonObject { ["type"] = "array", ["items"] = FromStructuralShape(element, definitions) };
        }

        if (shape["map"]?["elementType"] is { } value)
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = FromStructuralShape(value, definitions) };
        }

        return new JsonObject();
    }

    /// <summary>The minors (1.33 to 1.36) that serve each kind: the OpenAPI documents that define it, and 1.36 when derived so.</summary>
    private static Dictionary<(string ApiVersion, string Kind), string[]> ReadServedVersions(string directory)
    {
        var table = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "derived", "kinds-by-version.json")))!;
        var served = new Dictionary<(string, string), string[]>();
        foreach (var kind in table["kinds"]!.AsArray())
        {
            var versions = kind!["inOpenAPI"]!.AsArray().Select(v => (string)v!).ToList();
            if ((bool?)kind["derived_1_36"] == true)
            {
                versions.Add("1.36");
            }

            served[((string)kind["apiVersion"]!, (string)kind["kind"]!)] = [.. versions.Distinct().Order(StringComparer.Ordinal)];
        }

        return served;
    }

    /// <summary>Deprecated and removed apiVersions (deprecations/deprecated-apis.json): the release that deprecated and that stopped serving each, and its replacement.</summary>
    private static JsonArray ReadLifecycle(string directory)
    {
        var rows = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "deprecations", "deprecated-apis.json")))!["apis"]!.AsArray();
        var result = new JsonArray();
        foreach (var row in rows.OrderBy(r => (string)r!["apiVersion"]!, StringComparer.Ordinal).ThenBy(r => (string)r!["kind"]!, StringComparer.Ordinal))
        {
            result.Add(new JsonObject
            {
                ["apiVersion"] = (string)row!["apiVersion"]!,
                ["kind"] = (string)row["kind"]!,
                ["deprecatedIn"] = (string?)row["deprecatedIn"],
                ["removedIn"] = (string?)row["removedIn"],
                ["replacement"] = (string?)row["replacement"],
            });
        }

        return result;
    }

    /// <summary>Marks each field added in 1.34, 1.35 or 1.36 with <c>x-kubernetes-since</c>, so a lower target version can report it.</summary>
    private static void MarkFieldsSince(string directory, SortedDictionary<string, JsonNode> definitions)
    {
        var changes = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "derived", "field-changes-1.33-to-1.36.json")))!;
        foreach (var step in changes["steps"]!.AsArray())
        {
            var to = (string)step!["to"]!;
            foreach (var (type, fields) in step["fieldsAdded"]!.AsObject())
            {
                if (definitions.TryGetValue(type, out var definition) && definition["properties"] is JsonObject properties)
                {
                    foreach (var (field, _) in fields!.AsObject())
                    {
                        if (properties[field] is JsonObject property)
                        {
                            property["x-kubernetes-since"] = to;
                        }
                    }
                }
            }
        }
    }

    private static Dictionary<(string ApiVersion, string Kind), bool?> ReadScopes(string directory)
    {
        var table = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "derived", "kinds-by-version.json")))!;
        var scopes = new Dictionary<(string, string), bool?>();
        foreach (var kind in table["kinds"]!.AsArray())
        {
            scopes[((string)kind!["apiVersion"]!, (string)kind["kind"]!)] = (bool?)kind["namespaced"];
        }

        return scopes;
    }

    private static EnumTable ReadEnums(string directory)
    {
        var table = new EnumTable();
        foreach (var file in new[] { "enums-1.36.json", "enums-extra.json" })
        {
            var properties = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "derived", file)))!["properties"]!.AsObject();
            foreach (var (definition, fields) in properties)
            {
                foreach (var (field, info) in fields!.AsObject())
                {
                    var path = info!["path"]?.AsArray().Select(p => (string)p!).ToArray() ?? [];
                    var values = info["values"]!.AsArray().Select(v => (string)v!).ToArray();
                    table.Add(definition, field, path, values);
                }
            }
        }

        return table;
    }

    /// <summary>Enum values by definition and property, with the path inside the property ([] itself, [items], [additionalProperties]).</summary>
    private sealed class EnumTable
    {
        private readonly Dictionary<(string Definition, string Property), (string[] Path, string[] Values)> _entries = [];

        public void Add(string definition, string property, string[] path, string[] values) =>
            _entries[(definition, property)] = (path, values); // the 1.36 table is read first, so extras add, never shrink

        public void Apply(string definition, string property, JsonNode schema)
        {
            if (!_entries.TryGetValue((definition, property), out var entry))
            {
                return;
            }

            var target = schema;
            foreach (var step in entry.Path)
            {
                target = target[step];
                if (target is not JsonObject)
                {
                    return;
                }
            }

            // Only string-typed targets take an enum: a reference or an open schema is left as it is.
            if ((string?)target["type"] == "string")
            {
                target["enum"] = new JsonArray([.. entry.Values.Order(StringComparer.Ordinal).Select(v => (JsonNode)v)]);
            }
        }
    }
}
