using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using ManifestLint.Core.Model;
using ManifestLint.Core.Yaml;
using EvaluatedSchema = Json.Schema.JsonSchema;

namespace ManifestLint.Core.Schema;

/// <summary>
/// The schema of one served version of a CustomResourceDefinition, evaluated by JsonSchema.Net (custom resources are few,
/// and their schemas carry patterns, bounds and combinators the built-in walk does not need). The CRD's structural
/// OpenAPI v3 schema becomes draft-07: objects with properties are closed (the API server prunes or, with strict field
/// validation, rejects unknown fields) unless <c>x-kubernetes-preserve-unknown-fields</c> or
/// <c>x-kubernetes-embedded-resource</c> keeps them open; <c>x-kubernetes-int-or-string</c> takes both; <c>nullable</c>
/// admits null; a <c>format</c> the API server checks on custom resources is kept when <see cref="KubernetesFormats"/> can
/// check it as the server does (others are dropped, as the server drops unsupported ones); the items of a <c>x-kubernetes-list-type</c> set or map are unique; CEL rules are not evaluated. Hostile schemas are bounded: nesting deeper than
/// <see cref="MaxDepth"/> and schemas of more than <see cref="MaxSchemaNodes"/> nodes stay open beyond the bound, enums of
/// more than <see cref="MaxEnumValues"/> values are dropped, patterns that do not compile are dropped, every regular
/// expression has a match timeout, and objects of more than <see cref="MaxInstanceNodes"/> nodes are not evaluated.
/// </summary>
public sealed class CustomResourceSchema
{
    public const int MaxDepth = 48;
    public const int MaxSchemaNodes = 50_000;
    public const int MaxEnumValues = 1_000;
    public const int MaxPatternLength = 1_000;
    public const int MaxInstanceNodes = 200_000;

    private static int _serial;

    // A schema nests two JSON levels per schema level (properties, then the property); System.Text.Json stops at 64.
    private static readonly JsonSerializerOptions DeepJson = new() { MaxDepth = 256 };

    private readonly JsonObject _converted;
    private readonly EvaluatedSchema _schema;

    private CustomResourceSchema(string apiVersion, string kind, bool namespaced, JsonObject converted, EvaluatedSchema schema) =>
        (ApiVersion, Kind, Namespaced, _converted, _schema) = (apiVersion, kind, namespaced, converted, schema);

    public string ApiVersion { get; }

    public string Kind { get; }

    public bool Namespaced { get; }

    /// <summary>The draft-07 schema this CRD version became (for tests and for reading it).</summary>
    public string ConvertedJson => _converted.ToJsonString();

    /// <summary>
    /// The schemas of every served version of a CRD; none when it declares no usable schema. An
    /// <c>apiextensions.k8s.io/v1beta1</c> CRD (no longer served since Kubernetes 1.22, but CRDs created through it live on
    /// in clusters, converted, and old vendored copies are common) is read as the API server reads it: a version without a
    /// schema of its own takes <c>spec.validation</c>'s, a CRD without <c>spec.versions</c> serves <c>spec.version</c>, and
    /// objects keep unknown fields (it neither prunes nor rejects them) unless <c>spec.preserveUnknownFields</c> is false.
    /// </summary>
    public static IEnumerable<CustomResourceSchema> FromDefinition(MappingNode definition)
    {
        if (KnownKinds.DeclaredBy(definition) is not var (group, kind))
        {
            yield break;
        }

        var namespaced = definition.StringAt("spec", "scope") != "Cluster";
        var v1beta1 = definition.StringAt("apiVersion") == "apiextensions.k8s.io/v1beta1";
        var shared = v1beta1 ? definition.MappingAt("spec", "validation", "openAPIV3Schema") : null;
        var closed = !v1beta1 || definition.ScalarAt("spec", "preserveUnknownFields")?.AsBoolean() == false;
        var versions = definition.SequenceAt("spec", "versions")?.Mappings()
            .Select(v => (Name: v.StringAt("name"), Served: v.ScalarAt("served")?.AsBoolean() != false, Schema: v.MappingAt("schema", "openAPIV3Schema") ?? shared))
            .ToList() ?? [];
        if (v1beta1 && versions.Count == 0)
        {
            versions.Add((definition.StringAt("spec", "version"), true, shared));
        }

        foreach (var (name, served, openApi) in versions)
        {
            if (name is null || !served || openApi is null)
            {
                continue;
            }

            var built = TryBuild($"{group}/{name}", kind, namespaced, openApi, closed);
            if (built is not null)
            {
                yield return built;
            }
        }
    }

    /// <param name="closed">Whether objects with properties reject other fields (a v1 CRD's, which the API server prunes or rejects).</param>
    private static CustomResourceSchema? TryBuild(string apiVersion, string kind, bool namespaced, MappingNode openApi, bool closed)
    {
        try
        {
            if (JsonView.Of(openApi, maxNodes: MaxSchemaNodes) is not JsonObject source)
            {
                return null;
            }

            var budget = MaxSchemaNodes;
            var converted = Convert(source, 0, strict: closed, ref budget);
            if (converted["properties"] is JsonObject properties)
            {
                // metadata is ObjectMeta whatever the CRD says; apiVersion and kind say which schema applies.
                properties["metadata"] = new JsonObject { ["type"] = "object" };
                properties.TryAdd("apiVersion", new JsonObject { ["type"] = "string" });
                properties.TryAdd("kind", new JsonObject { ["type"] = "string" });
            }

            converted["$schema"] = "http://json-schema.org/draft-07/schema#";
            var options = new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft07 };
            var uri = new Uri($"https://manifestlint.invalid/crd/{Interlocked.Increment(ref _serial)}/{Uri.EscapeDataString(kind)}.json");
            var schema = EvaluatedSchema.FromText(converted.ToJsonString(DeepJson), options, uri, new JsonDocumentOptions { MaxDepth = DeepJson.MaxDepth });
            return new CustomResourceSchema(apiVersion, kind, namespaced, converted, schema);
        }
        catch (Exception ex) when (ex is JsonException or JsonSchemaException or ArgumentException or InvalidOperationException or FormatException or RegexParseException)
        {
            return null; // a CRD whose schema cannot be read validates nothing: quiet rather than wrong
        }
    }

    /// <summary>Structural OpenAPI v3 to draft-07, bounded (see the class summary).</summary>
    private static JsonObject Convert(JsonObject source, int depth, bool strict, ref int budget)
    {
        var result = new JsonObject();
        if (depth > MaxDepth || --budget < 0)
        {
            return result;
        }

        var nullable = source["nullable"] is JsonValue n && n.TryGetValue<bool>(out var isNullable) && isNullable;
        if (IsTrue(source, "x-kubernetes-int-or-string"))
        {
            result["type"] = nullable ? new JsonArray("integer", "string", "null") : new JsonArray("integer", "string");
            return result;
        }

        if (source["type"] is JsonValue type && type.TryGetValue<string>(out var typeName))
        {
            result["type"] = nullable ? new JsonArray(typeName, "null") : typeName;
        }

        if (source["format"] is JsonValue formatValue && formatValue.TryGetValue<string>(out var formatName)
            && KubernetesFormats.FromCrd(formatName) is var format and not KubernetesFormat.None)
        {
            result["format"] = KubernetesFormats.Name(format);
        }

        var open = IsTrue(source, "x-kubernetes-preserve-unknown-fields") || IsTrue(source, "x-kubernetes-embedded-resource");
        if (source["properties"] is JsonObject properties)
        {
            var converted = new JsonObject();
            foreach (var (name, value) in properties)
            {
                if (value is JsonObject property)
                {
                    converted[name] = Convert(property, depth + 1, strict, ref budget);
                }
            }

            result["properties"] = converted;
            if (strict && !open && source["additionalProperties"] is null)
            {
                result["additionalProperties"] = false;
            }
        }

        switch (source["additionalProperties"])
        {
            case JsonObject values:
                result["additionalProperties"] = Convert(values, depth + 1, strict, ref budget);
                break;
            case JsonValue flag when flag.TryGetValue<bool>(out var allowed):
                result["additionalProperties"] = allowed;
                break;
        }

        if (source["items"] is JsonObject items)
        {
            result["items"] = Convert(items, depth + 1, strict, ref budget);
        }

        // What makes two items of a list the same one, which the API server checks (CheckListIdentity), and the defaults
        // that fill in a missing map key before it does: kept beside the schema.
        if (source["x-kubernetes-list-type"] is JsonValue listType && listType.TryGetValue<string>(out var identity) && identity is "set" or "map")
        {
            result[ListTypeKey] = identity;
            if (source["x-kubernetes-list-map-keys"] is JsonArray keys)
            {
                result[ListMapKeysKey] = new JsonArray([.. keys.OfType<JsonValue>().Select(k => (JsonNode)k.ToString())]);
            }
        }

        if (source["default"] is { } defaultValue)
        {
            result[DefaultKey] = defaultValue.DeepClone();
        }

        if (source["required"] is JsonArray required)
        {
            result["required"] = new JsonArray([.. required.OfType<JsonValue>().Select(r => (JsonNode)r.ToString())]);
        }

        if (source["enum"] is JsonArray values2 && values2.Count <= MaxEnumValues)
        {
            result["enum"] = values2.DeepClone();
        }

        // Patterns are matched here, with a timeout, not by the evaluator (which runs them without one): kept beside the schema.
        if (source["pattern"] is JsonValue pattern && pattern.TryGetValue<string>(out var regex) && regex.Length <= MaxPatternLength && Compiles(regex))
        {
            result[PatternKey] = regex;
        }

        foreach (var bound in new[] { "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties", "multipleOf", "uniqueItems" })
        {
            if (source[bound] is JsonValue value)
            {
                result[bound] = value.DeepClone();
            }
        }

        // OpenAPI v3.0 (draft-04) writes an exclusive bound as a boolean beside minimum/maximum; draft-07 as the number.
        foreach (var (limit, exclusive) in new[] { ("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum") })
        {
            if (source[limit] is JsonValue number)
            {
                result[IsTrue(source, exclusive) ? exclusive : limit] = number.DeepClone();
            }
        }

        // Inside a combinator a branch only states conditions: it never closes the object it looks at.
        foreach (var combinator in new[] { "allOf", "anyOf", "oneOf" })
        {
            if (source[combinator] is JsonArray branches)
            {
                var converted = new JsonArray();
                foreach (var branch in branches.OfType<JsonObject>())
                {
                    converted.Add(Convert(branch, depth + 1, strict: false, ref budget));
                }

                result[combinator] = converted;
            }
        }

        if (source["not"] is JsonObject not)
        {
            result["not"] = Convert(not, depth + 1, strict: false, ref budget);
        }

        return result;
    }

    /// <summary>Where a converted schema keeps its pattern: a keyword the evaluator does not know, so it leaves it alone.</summary>
    private const string PatternKey = "x-manifestlint-pattern";

    private const string ListTypeKey = "x-manifestlint-list-type";
    private const string ListMapKeysKey = "x-manifestlint-list-map-keys";
    private const string DefaultKey = "x-manifestlint-default";

    /// <summary>
    /// The items that repeat an earlier one in a list the CRD makes a set (the whole item) or a map (the values of its
    /// <c>x-kubernetes-list-map-keys</c>, a missing key taking its default, else counting as unspecified, which two items
    /// can share), found as the API server's list-type validation finds them: along properties, map values and items (not
    /// inside combinators), on the defaulted object. An item whose identity holds a placeholder is unknown, never a
    /// duplicate; a map list with an item that is not an object is left to the type check.
    /// </summary>
    private static void CheckListIdentity(JsonObject? schema, JsonNode? instance, string pointer, ISet<string> placeholders, List<(string Item, string First, IReadOnlyList<string> Keys)> found, int depth)
    {
        if (schema is null || instance is null || depth > MaxDepth)
        {
            return;
        }

        switch (instance)
        {
            case JsonObject:
                foreach (var (childSchema, child, at) in Children(schema, instance, pointer))
                {
                    CheckListIdentity(childSchema, child, at, placeholders, found, depth + 1);
                }

                break;
            case JsonArray array:
                var items = schema["items"] as JsonObject;
                if (schema[ListTypeKey] is JsonValue listType && array.Count > 1)
                {
                    var keys = listType.ToString() == "map" ? (schema[ListMapKeysKey] as JsonArray ?? []).Select(k => k!.ToString()).ToList() : null;
                    if (keys is null || keys.Count > 0 && array.All(i => i is null or JsonObject))
                    {
                        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
                        for (var i = 0; i < array.Count; i++)
                        {
                            var item = $"{pointer}/{i}";
                            if (Identity(array[i], keys, items, item, placeholders) is { } identity && !seen.TryAdd(identity, i))
                            {
                                found.Add((item, $"{pointer}/{seen[identity]}", keys ?? []));
                            }
                        }
                    }
                }

                foreach (var (childSchema, child, at) in Children(schema, instance, pointer))
                {
                    CheckListIdentity(childSchema, child, at, placeholders, found, depth + 1);
                }

                break;
        }
    }

    /// <summary>
    /// The children of an object (by property, else additionalProperties) or array (items) with the schema that applies
    /// to each and its JSON pointer: the descent the schema-guided checks share.
    /// </summary>
    private static IEnumerable<(JsonObject? Schema, JsonNode? Child, string Pointer)> Children(JsonObject schema, JsonNode instance, string pointer)
    {
        switch (instance)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    yield return (schema["properties"]?[key] as JsonObject ?? schema["additionalProperties"] as JsonObject, child, pointer + "/" + JsonView.Escape(key));
                }

                break;
            case JsonArray array:
                var items = schema["items"] as JsonObject;
                for (var i = 0; i < array.Count; i++)
                {
                    yield return (items, array[i], $"{pointer}/{i}");
                }

                break;
        }
    }

    /// <summary>What makes an item the same as another (null when a placeholder makes it unknown).</summary>
    private static string? Identity(JsonNode? item, IReadOnlyList<string>? keys, JsonObject? itemSchema, string pointer, ISet<string> placeholders)
    {
        if (keys is null)
        {
            return placeholders.Count > 0 && placeholders.Any(p => p == pointer || p.StartsWith(pointer + "/", StringComparison.Ordinal)) ? null : Canonical(item);
        }

        var identity = new StringBuilder();
        foreach (var key in keys)
        {
            var at = pointer + "/" + JsonView.Escape(key);
            if (placeholders.Contains(at))
            {
                return null;
            }

            var value = (item as JsonObject)?[key] ?? itemSchema?["properties"]?[key]?[DefaultKey];
            identity.Append(value is null ? "\u0000" : Canonical(value)).Append('\u0001');
        }

        return identity.ToString();
    }

    /// <summary>JSON with keys in order: equal for equal values whatever the order they were written in.</summary>
    private static string Canonical(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject obj => "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Key) + ":" + Canonical(p.Value))) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(Canonical)) + "]",
        _ => node.ToJsonString(),
    };

    private static bool IsTrue(JsonObject source, string key) => source[key] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static bool Compiles(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, RegexTimeout);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private readonly Dictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    /// <summary>
    /// The patterns along properties, map values and items (not inside combinators), each match time-boxed: a match that
    /// times out decides nothing.
    /// </summary>
    private void CheckPatterns(JsonObject? schema, JsonNode? instance, string pointer, ISet<string> placeholders, List<(SchemaViolationKind, string, string, IReadOnlyList<string>, string?)> found, int depth)
    {
        if (schema is null || instance is null || depth > MaxDepth)
        {
            return;
        }

        switch (instance)
        {
            case JsonValue value when schema[PatternKey] is JsonValue p && value.TryGetValue<string>(out var text) && !placeholders.Contains(pointer):
            {
                var pattern = p.ToString();
                Regex regex;
                lock (_patterns)
                {
                    if (!_patterns.TryGetValue(pattern, out regex!))
                    {
                        _patterns[pattern] = regex = new Regex(pattern, RegexOptions.None, RegexTimeout);
                    }
                }

                try
                {
                    if (!regex.IsMatch(text))
                    {
                        found.Add((SchemaViolationKind.ConstraintViolated, pointer, LastStep(pointer), [], $"'{Shorten(text)}' does not match the pattern {pattern}"));
                    }
                }
                catch (RegexMatchTimeoutException)
                {
                    // a pattern that takes too long on this value decides nothing
                }

                break;
            }

            case JsonObject or JsonArray:
                foreach (var (childSchema, child, at) in Children(schema, instance, pointer))
                {
                    CheckPatterns(childSchema, child, at, placeholders, found, depth + 1);
                }

                break;
        }
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;

    /// <summary>How long one match of a CRD's pattern may take: a pattern is the CRD author's code, run on the input's values.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>The violations of a custom resource, each once, on its key or value.</summary>
    public IReadOnlyList<SchemaViolation> Validate(MappingNode root)
    {
        var placeholders = new HashSet<string>(StringComparer.Ordinal);
        if (JsonView.Of(root, placeholders, MaxInstanceNodes) is not JsonObject instance)
        {
            return [];
        }

        EvaluationResults results;
        try
        {
            results = _schema.Evaluate(JsonSerializer.SerializeToElement(instance, DeepJson), KubernetesFormatRegistry.Options(OutputFormat.List));
        }
        catch (Exception ex) when (ex is RegexMatchTimeoutException or JsonException)
        {
            return []; // a pattern that takes too long, or a resource nested deeper than any schema, decides nothing
        }

        var found = new List<(SchemaViolationKind Kind, string Pointer, string Name, IReadOnlyList<string> Expected, string? Actual)>();
        CheckPatterns(_converted, instance, "", placeholders, found, 0);
        var duplicates = new List<(string Item, string First, IReadOnlyList<string> Keys)>();
        CheckListIdentity(_converted, instance, "", placeholders, duplicates, 0);
        if (results.IsValid && found.Count == 0 && duplicates.Count == 0)
        {
            return [];
        }

        foreach (var detail in new[] { results }.Concat(results.Details ?? []).Where(d => !d.IsValid && d.Errors is { Count: > 0 }))
        {
            var pointer = detail.InstanceLocation.ToString();
            var evaluationPath = detail.EvaluationPath.ToString();
            if (placeholders.Contains(pointer) || InsideCombinatorBranch(evaluationPath))
            {
                continue;
            }

            foreach (var (keyword, message) in detail.Errors!)
            {
                var schemaHere = SchemaAt(pointer);
                switch (keyword)
                {
                    case "type":
                        found.Add((SchemaViolationKind.WrongType, pointer, LastStep(pointer), TypesOf(schemaHere), null));
                        break;
                    case "enum":
                        found.Add((SchemaViolationKind.NotInEnum, pointer, LastStep(pointer),
                            [.. (schemaHere?["enum"] as JsonArray ?? []).Select(v => v?.ToString() ?? "null")], null));
                        break;
                    case "required":
                        foreach (var name in (schemaHere?["required"] as JsonArray ?? []).Select(r => r!.ToString()))
                        {
                            if (JsonView.Resolve(root, pointer).Node is MappingNode mapping && mapping.GetEntry(name) is { } entry && !(entry.HasScalarValue && entry.ValueText is null))
                            {
                                continue;
                            }

                            found.Add((SchemaViolationKind.MissingRequired, pointer, name, [], null));
                        }

                        break;
                    case "format":
                        found.Add((SchemaViolationKind.FormatMismatch, pointer, LastStep(pointer), [schemaHere?["format"]?.ToString() ?? ""], null));
                        break;
                    case "additionalProperties" or "falseSchema" or "":
                    {
                        var parent = SchemaAt(pointer[..pointer.LastIndexOf('/')]);
                        var known = (parent?["properties"] as JsonObject)?.Select(p => p.Key).ToList() ?? [];
                        var name = LastStep(pointer);
                        var closest = SimilarNames.Closest(name, known, k => k) ?? known.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
                        found.Add((SchemaViolationKind.UnknownField, pointer, name, closest is null ? [] : [closest], null));
                        break;
                    }

                    default:
                        found.Add((SchemaViolationKind.ConstraintViolated, pointer, LastStep(pointer), [], message));
                        break;
                }
            }
        }

        // One finding per mistake: a value of the wrong type is not also outside its enum or its bounds.
        var wrongType = found.Where(f => f.Kind == SchemaViolationKind.WrongType).Select(f => f.Pointer).ToHashSet(StringComparer.Ordinal);
        return [.. found
            .Where(f => f.Kind == SchemaViolationKind.WrongType || !wrongType.Contains(f.Pointer) || f.Kind == SchemaViolationKind.MissingRequired)
            .DistinctBy(f => (f.Kind, f.Pointer, f.Name))
            .Select(f => ToViolation(root, f.Kind, f.Pointer, f.Name, f.Expected, f.Actual))
            .Concat(duplicates.Select(d => ToDuplicate(root, d.Item, d.First, d.Keys)))
            .OrderBy(v => v.Span.Start)];
    }

    /// <summary>A duplicate, on its first key's value (a map) or the item (a set), with the earlier item beside it.</summary>
    private SchemaViolation ToDuplicate(MappingNode root, string item, string first, IReadOnlyList<string> keys)
    {
        TextSpan SpanOf(string pointer)
        {
            var node = JsonView.Resolve(root, pointer).Node;
            return (node as MappingNode)?.Entries.Where(e => keys.Contains(e.KeyText)).Select(e => (TextSpan?)e.ValueSpan).FirstOrDefault() ?? node.Span;
        }

        var list = item[..item.LastIndexOf('/')];
        return new SchemaViolation(SchemaViolationKind.DuplicateListItem, item, PathOf(root, item), SpanOf(item), LastStep(list), Kind, keys)
        {
            First = (PathOf(root, first), SpanOf(first)),
        };
    }

    private SchemaViolation ToViolation(MappingNode root, SchemaViolationKind kind, string pointer, string name, IReadOnlyList<string> expected, string? message)
    {
        var (node, entry) = JsonView.Resolve(root, pointer);
        var path = PathOf(root, pointer);
        TextSpan span = kind switch
        {
            SchemaViolationKind.UnknownField => entry?.KeySpan ?? node.Span,
            SchemaViolationKind.MissingRequired => entry?.KeySpan ?? (node is MappingNode { Count: > 0 } m ? m.Entries[0].KeySpan : node.Span),
            _ => entry?.ValueSpan ?? node.Span,
        };
        if (kind == SchemaViolationKind.MissingRequired && pointer.Length == 0)
        {
            span = root.GetEntry("kind")?.ValueSpan ?? root.Span;
        }

        var actual = kind switch
        {
            SchemaViolationKind.WrongType => Describe(node),
            SchemaViolationKind.NotInEnum or SchemaViolationKind.FormatMismatch => (node as ScalarNode)?.Value,
            SchemaViolationKind.ConstraintViolated => message,
            _ => null,
        };
        return new SchemaViolation(kind, pointer, path, span, name, Kind, expected, actual);
    }

    /// <summary>A failure inside one branch of anyOf/oneOf/not is not a mistake of its own: the combinator's failure is.</summary>
    private static bool InsideCombinatorBranch(string evaluationPath)
    {
        foreach (var combinator in new[] { "/anyOf/", "/oneOf/", "/not/" })
        {
            var at = evaluationPath.IndexOf(combinator, StringComparison.Ordinal);
            if (at >= 0 && at + combinator.Length < evaluationPath.Length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The converted schema of the value at an instance pointer, following properties, map values and items.</summary>
    private JsonObject? SchemaAt(string pointer)
    {
        JsonObject? schema = _converted;
        foreach (var raw in pointer.Split('/').Skip(1))
        {
            var step = raw.Replace("~1", "/").Replace("~0", "~");
            schema = schema?["properties"]?[step] as JsonObject ?? schema?["additionalProperties"] as JsonObject ?? schema?["items"] as JsonObject;
        }

        return schema;
    }

    private static IReadOnlyList<string> TypesOf(JsonObject? schema) => schema?["type"] switch
    {
        JsonArray types => [.. types.Select(t => t!.ToString()).Where(t => t != "null").Select(t => t == "array" ? "list" : t)],
        JsonValue type => [type.ToString() == "array" ? "list" : type.ToString()],
        _ => [],
    };

    private static string LastStep(string pointer) => pointer[(pointer.LastIndexOf('/') + 1)..].Replace("~1", "/").Replace("~0", "~");

    private static string Describe(ManifestNode node) => node switch
    {
        MappingNode => "an object",
        SequenceNode => "a list",
        ScalarNode scalar => ScalarTypes.KindOf(scalar) switch
        {
            JsonKind.Null => "null",
            JsonKind.Boolean => $"the boolean {scalar.Value}",
            JsonKind.Integer or JsonKind.Number => $"the number {scalar.Value}",
            _ => $"the string '{(scalar.Value.Length > 40 ? scalar.Value[..40] + "…" : scalar.Value)}'",
        },
        _ => "a value",
    };

    /// <summary>spec.rules[0].host for /spec/rules/0/host.</summary>
    private static string PathOf(MappingNode root, string pointer)
    {
        var path = new StringBuilder();
        ManifestNode? node = root;
        foreach (var raw in pointer.Split('/').Skip(1))
        {
            var step = raw.Replace("~1", "/").Replace("~0", "~");
            if (node is SequenceNode sequence && int.TryParse(step, out var index))
            {
                path.Append('[').Append(step).Append(']');
                node = index < sequence.Count ? sequence[index] : null;
            }
            else
            {
                path.Append(path.Length == 0 ? "" : ".").Append(step);
                node = (node as MappingNode)?.Get(step);
            }
        }

        return path.ToString();
    }
}
