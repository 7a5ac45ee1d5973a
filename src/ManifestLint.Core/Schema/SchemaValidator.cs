using System.Globalization;
using System.Text;
using ManifestLint.Core.Model;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Schema;

/// <summary>
/// Validates a built-in object against its kind's schema by walking the positioned tree once, without building a node
/// per value or a JSON copy of the object: a JSON Schema evaluator spends about 170 µs on an object, this walk a few.
/// Its verdicts and places are those of a JSON Schema evaluator on the same document (the differential test in
/// ManifestLint.Rules.Tests holds it to that), with two readings that evaluator gets from the JSON view of a manifest:
/// a null value (<c>key:</c>, <c>key: null</c>) is an absent field, as the API server decodes it; and a value holding a
/// placeholder (<c>${IMAGE}</c>) is unknown, so it is never wrong. Each mistake is one violation: nothing below a value
/// of the wrong type, an unknown key or a bad enum value is looked at, and a value of the wrong type is not also judged
/// by its format.
/// </summary>
public static class SchemaValidator
{
    /// <summary>The violations of a built-in object, in document order; empty when its apiVersion/kind has no schema.</summary>
    public static IReadOnlyList<SchemaViolation> Validate(MappingNode root, string apiVersion, string kind) =>
        BuiltInSchemas.Instance.Find(apiVersion, kind) is { } info ? Validate(root, info) : [];

    /// <summary>
    /// Whether the target release serves the object's apiVersion: removed (an error naming the replacement and the release
    /// that removed it), deprecated (a warning), or not yet served (a kind newer than the target). The finding sits on the
    /// apiVersion value. Empty for an apiVersion the target serves without deprecation, and for custom resources.
    /// </summary>
    public static IReadOnlyList<SchemaViolation> CheckApiVersion(MappingNode root, string apiVersion, string kind, KubernetesVersion target)
    {
        var span = root.GetEntry("apiVersion")?.ValueSpan ?? root.GetEntry("kind")?.ValueSpan ?? root.Span;
        var lifecycle = BuiltInSchemas.Instance.LifecycleOf(apiVersion, kind);
        if (lifecycle is not null && KubernetesVersion.MinorOf(lifecycle.RemovedIn) is { } removed && removed <= target.Minor)
        {
            return [new SchemaViolation(SchemaViolationKind.RemovedApiVersion, "/apiVersion", "apiVersion", span, apiVersion, kind,
                [lifecycle.RemovedIn!, lifecycle.Replacement ?? ""], target.ToString())];
        }

        if (BuiltInSchemas.Instance.Find(apiVersion, kind)?.ServedIn is { Count: > 0 } served && !served.Contains(target.Minor))
        {
            return served.Min() > target.Minor
                ? [new SchemaViolation(SchemaViolationKind.NewerThanTarget, "/apiVersion", "apiVersion", span, apiVersion, kind, [$"1.{served.Min()}"], target.ToString())]
                : [new SchemaViolation(SchemaViolationKind.RemovedApiVersion, "/apiVersion", "apiVersion", span, apiVersion, kind,
                    [$"1.{served.Max() + 1}", lifecycle?.Replacement ?? ""], target.ToString())];
        }

        if (lifecycle is not null && KubernetesVersion.MinorOf(lifecycle.DeprecatedIn) is { } deprecated && deprecated <= target.Minor)
        {
            return [new SchemaViolation(SchemaViolationKind.DeprecatedApiVersion, "/apiVersion", "apiVersion", span, apiVersion, kind,
                [lifecycle.DeprecatedIn!, lifecycle.RemovedIn ?? "", lifecycle.Replacement ?? ""], target.ToString())];
        }

        return [];
    }

    /// <param name="requireFields">False for a partial object (a kustomize patch): every check but missing fields.</param>
    /// <param name="target">The release whose fields count; a field added after it is reported (default: the newest).</param>
    public static IReadOnlyList<SchemaViolation> Validate(MappingNode root, KindSchemaInfo kind, bool requireFields = true, KubernetesVersion? target = null)
    {
        var walker = new Walker(requireFields, (target ?? KubernetesVersion.Default).Minor);
        var schema = BuiltInSchemas.Instance.RootOf(kind);
        var anchor = root.GetEntry("kind")?.ValueSpan ?? root.Span;
        walker.Mapping(schema, root.EntrySpan, anchor);
        if (kind.Namespaced == false && root.GetEntry("metadata") is { } metadata && metadata.FindInValue("namespace", out var ns) == true
            && ns.ValueText is { } value && !TemplatePlaceholders.IsPlaceholder(value))
        {
            walker.Report(SchemaViolationKind.NamespaceOnClusterScopedKind, ns.ValueSpan, "namespace", kind.Kind, [], value, ["metadata", "namespace"]);
        }

        return walker.Found ?? (IReadOnlyList<SchemaViolation>)[];
    }

    /// <summary>A custom resource against its CRD's schema (JsonSchema.Net), plus the namespace check for a cluster-scoped CRD.</summary>
    public static IReadOnlyList<SchemaViolation> Validate(MappingNode root, CustomResourceSchema schema)
    {
        var found = schema.Validate(root).ToList();
        if (!schema.Namespaced && root.MappingAt("metadata")?.GetEntry("namespace") is { } ns && ns.ValueText is { } value && !TemplatePlaceholders.IsPlaceholder(value))
        {
            found.Add(new SchemaViolation(SchemaViolationKind.NamespaceOnClusterScopedKind, "/metadata/namespace", "metadata.namespace", ns.ValueSpan, "namespace", schema.Kind, [], value));
        }

        return found.Count == 0 ? Array.Empty<SchemaViolation>() : found;
    }

    private readonly record struct Step(string? Name, int Index);

    private sealed class Walker(bool requireFields, int targetMinor)
    {
        private readonly List<Step> _path = [];

        public List<SchemaViolation>? Found { get; private set; }

        public void Mapping(SchemaNode schema, ReadOnlySpan<MappingEntry> entries, TextSpan anchor)
        {
            foreach (ref readonly var entry in entries)
            {
                if (IsNull(entry))
                {
                    continue; // null is an absent field
                }

                var key = entry.KeyText;
                SchemaNode? valueSchema = null;
                if (schema.Properties is { } properties && properties.TryGetValue(key, out var property))
                {
                    if (schema.PropertySince is { } since && since.TryGetValue(key, out var added) && added > targetMinor)
                    {
                        _path.Add(new Step(key, 0));
                        Report(SchemaViolationKind.NewerThanTarget, entry.KeySpan, key, schema.TypeName, [$"1.{added}"], $"1.{targetMinor}");
                        _path.RemoveAt(_path.Count - 1);
                        continue;
                    }

                    valueSchema = property;
                }
                else if (schema.MapValues is { } mapValues)
                {
                    valueSchema = mapValues;
                }
                else if (schema.Closed)
                {
                    var known = schema.Properties?.Keys ?? [];
                    var closest = SimilarNames.Closest(key, known, k => k) ?? ClosestByCase(key, known);
                    _path.Add(new Step(key, 0));
                    Report(SchemaViolationKind.UnknownField, entry.KeySpan, key, schema.TypeName, closest is null ? [] : [closest]);
                    _path.RemoveAt(_path.Count - 1);
                    continue;
                }

                if (valueSchema is not null)
                {
                    _path.Add(new Step(key, 0));
                    Value(valueSchema, entry, entry.KeySpan);
                    _path.RemoveAt(_path.Count - 1);
                }
            }

            foreach (var required in requireFields ? schema.Required : [])
            {
                if (!HasValue(entries, required))
                {
                    Report(SchemaViolationKind.MissingRequired, anchor, required, schema.TypeName, []);
                }
            }
        }

        private void Value(SchemaNode schema, in MappingEntry slot, TextSpan anchor)
        {
            JsonKind kind;
            string? text = null;
            switch (slot.Form)
            {
                case SlotForm.CompactScalar:
                    var compact = (string)slot.RawValue;
                    if (TemplatePlaceholders.IsPlaceholder(compact))
                    {
                        return;
                    }

                    (kind, text) = (ScalarTypes.KindOf(compact, slot.TextStyle), compact);
                    break;
                case SlotForm.Node when slot.RawValue is ScalarNode scalar:
                    if (scalar.IsPlaceholder)
                    {
                        return;
                    }

                    (kind, text) = (ScalarTypes.KindOf(scalar), scalar.Value);
                    break;
                case SlotForm.InlineSequence:
                case SlotForm.Node when slot.RawValue is SequenceNode:
                    kind = JsonKind.Array;
                    break;
                default:
                    kind = JsonKind.Object;
                    break;
            }

            if (schema.Types != JsonKind.None && (schema.Types & kind) == 0 && !IsWholeNumberForInteger(schema.Types, kind, text))
            {
                Report(SchemaViolationKind.WrongType, slot.ValueSpan, LastName(), schema.TypeName, TypeNames(schema.Types), Describe(kind, text));
                return;
            }

            switch (slot.Form)
            {
                case SlotForm.InlineMapping:
                    Mapping(schema, slot.InlineEntries, anchor);
                    break;
                case SlotForm.Node when slot.RawValue is MappingNode mapping:
                    Mapping(schema, mapping.EntrySpan, mapping.Count > 0 ? mapping.EntrySpan[0].KeySpan : mapping.Span);
                    break;
                case SlotForm.InlineSequence when schema.Items is { } items:
                    Items(items, slot.InlineItems);
                    break;
                case SlotForm.Node when slot.RawValue is SequenceNode sequence && schema.Items is { } items:
                    Items(items, sequence.ItemSpan);
                    break;
                default:
                    if (kind == JsonKind.String && schema.Enum is { } allowed && !allowed.Contains(text!))
                    {
                        Report(SchemaViolationKind.NotInEnum, slot.ValueSpan, LastName(), schema.TypeName, schema.EnumValues, text);
                    }
                    else if (schema.Format != KubernetesFormat.None && text is not null && !HasFormat(schema.Format, kind, text))
                    {
                        Report(SchemaViolationKind.FormatMismatch, slot.ValueSpan, LastName(), schema.TypeName, [KubernetesFormats.Name(schema.Format)], text);
                    }

                    break;
            }
        }

        private void Items(SchemaNode items, ReadOnlySpan<MappingEntry> slots)
        {
            for (var i = 0; i < slots.Length; i++)
            {
                _path.Add(new Step(null, i));
                Value(items, slots[i], ItemAnchor(slots[i]));
                _path.RemoveAt(_path.Count - 1);
            }
        }

        /// <summary>Where a missing field of a list item is reported: the item's first key (the line of its '-').</summary>
        private static TextSpan ItemAnchor(in MappingEntry item) => item.Form switch
        {
            SlotForm.InlineMapping when item.InlineEntries.Length > 0 => item.InlineEntries[0].KeySpan,
            SlotForm.Node when item.RawValue is MappingNode { Count: > 0 } mapping => mapping.EntrySpan[0].KeySpan,
            _ => item.ValueSpan,
        };

        public void Report(SchemaViolationKind kind, TextSpan span, string name, string typeName, IReadOnlyList<string> expected, string? actual = null, string[]? extraPath = null)
        {
            foreach (var step in extraPath ?? [])
            {
                _path.Add(new Step(step, 0));
            }

            var pointer = new StringBuilder();
            var path = new StringBuilder();
            foreach (var step in _path)
            {
                pointer.Append('/').Append(step.Name is null ? step.Index.ToString(CultureInfo.InvariantCulture) : step.Name.Replace("~", "~0").Replace("/", "~1"));
                if (step.Name is null)
                {
                    path.Append('[').Append(step.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
                }
                else
                {
                    path.Append(path.Length == 0 ? "" : ".").Append(step.Name);
                }
            }

            if (extraPath is not null)
            {
                _path.RemoveRange(_path.Count - extraPath.Length, extraPath.Length);
            }

            (Found ??= []).Add(new SchemaViolation(kind, pointer.ToString(), path.ToString(), span, name, typeName, expected, actual));
        }

        private string LastName()
        {
            for (var i = _path.Count - 1; i >= 0; i--)
            {
                if (_path[i].Name is { } name)
                {
                    return name;
                }
            }

            return "";
        }

        private static bool IsNull(in MappingEntry entry) => entry.RawValue switch
        {
            string text => entry.TextStyle == ScalarStyle.Plain && ScalarNode.IsNullText(text),
            ScalarNode scalar => scalar.IsNull || ScalarTypes.KindOf(scalar) == JsonKind.Null,
            _ => false,
        };

        private static bool HasValue(ReadOnlySpan<MappingEntry> entries, string key)
        {
            foreach (ref readonly var entry in entries)
            {
                if (entry.KeyText == key)
                {
                    return !IsNull(entry);
                }
            }

            return false;
        }

        private static bool HasFormat(KubernetesFormat format, JsonKind kind, string text) => kind switch
        {
            JsonKind.String => KubernetesFormats.IsValidString(format, text),
            JsonKind.Integer or JsonKind.Number => KubernetesFormats.IsValidNumber(format, text),
            _ => true,
        };

        /// <summary>JSON Schema's integer is a number without a fraction: 1.0 and 1e3 are integers.</summary>
        private static bool IsWholeNumberForInteger(JsonKind allowed, JsonKind kind, string? text) =>
            kind == JsonKind.Number && (allowed & JsonKind.Integer) != 0 && text is not null
            && ScalarTypes.TryParseNumber(text, out var number) && decimal.Truncate(number) == number;

        /// <summary>A key that differs only in case from a known one ("ContainerPort" for "containerPort"), whatever its length.</summary>
        private static string? ClosestByCase(string key, IEnumerable<string> known) =>
            known.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));

        private static string[] TypeNames(JsonKind types)
        {
            var names = new List<string>();
            if ((types & JsonKind.Object) != 0)
            {
                names.Add("object");
            }

            if ((types & JsonKind.Array) != 0)
            {
                names.Add("list");
            }

            if ((types & JsonKind.String) != 0)
            {
                names.Add("string");
            }

            if ((types & JsonKind.Number) != 0)
            {
                names.Add("number");
            }
            else if ((types & JsonKind.Integer) != 0)
            {
                names.Add("integer");
            }

            if ((types & JsonKind.Boolean) != 0)
            {
                names.Add("boolean");
            }

            return [.. names];
        }

        private static string Describe(JsonKind kind, string? text) => kind switch
        {
            JsonKind.Object => "an object",
            JsonKind.Array => "a list",
            JsonKind.Null => "null",
            JsonKind.Boolean => $"the boolean {text}",
            JsonKind.Integer or JsonKind.Number => $"the number {text}",
            _ => $"the string '{Truncate(text)}'",
        };

        private static string Truncate(string? text) => text is null ? "" : text.Length <= 40 ? text.ReplaceLineEndings(" ") : text[..40].ReplaceLineEndings(" ") + "…";
    }
}
