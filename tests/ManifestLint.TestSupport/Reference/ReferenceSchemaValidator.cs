using System.Text.Json;
using Json.Schema;
using EvaluatedSchema = Json.Schema.JsonSchema;
using ManifestLint.Core.Schema;
using ManifestLint.Core.Yaml;

namespace ManifestLint.TestSupport.Reference;

/// <summary>One mistake as a JSON Schema evaluator reports it: its kind and the JSON pointer of the instance.</summary>
public sealed record ReferenceViolation(SchemaViolationKind Kind, string Pointer)
{
    public override string ToString() => $"{Kind} at {(Pointer.Length == 0 ? "/" : Pointer)}";
}

/// <summary>
/// The reference the product's schema walk (<see cref="SchemaValidator"/>) is held to: JsonSchema.Net evaluating the
/// generated document, draft-07, on the JSON view of an object, with formats asserted by the same checks the walk uses
/// (<see cref="KubernetesFormatRegistry"/>), registered with JsonSchema.Net. The JSON view reads scalars as the product does
/// (<see cref="ScalarTypes"/>) and drops null-valued fields (the API server's reading of <c>key: null</c>); a
/// placeholder is unknown, so whatever the evaluator says about it is left out.
/// </summary>
public static class ReferenceSchemaValidator
{
    private static readonly Uri DocumentUri = new("https://manifestlint.invalid/kubernetes.schema.json");

    private static readonly Lazy<BuildOptions> LazyBuildOptions = new(() =>
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft07 };
        EvaluatedSchema.FromText(BuiltInSchemas.Instance.DocumentJson, options, DocumentUri);
        return options;
    });

    private static readonly Dictionary<string, EvaluatedSchema> KindSchemas = [];

    public static IReadOnlyList<ReferenceViolation> Validate(MappingNode root, KindSchemaInfo kind)
    {
        var placeholders = new HashSet<string>(StringComparer.Ordinal);
        var json = JsonView.Of(root, placeholders)!.AsObject();

        // The loader knows the identity of an item of a typed list (PodList) that omits apiVersion and kind: the walk
        // starts at the kind's definition, so the pins hold; the evaluator needs them written.
        json.TryAdd("apiVersion", kind.ApiVersion);
        json.TryAdd("kind", kind.Kind);
        var results = SchemaOf(kind).Evaluate(JsonSerializer.SerializeToElement(json), KubernetesFormatRegistry.Options(OutputFormat.List));
        var found = new List<ReferenceViolation>();
        foreach (var detail in new[] { results }.Concat(results.Details ?? []).Where(d => !d.IsValid && d.Errors is { Count: > 0 }))
        {
            var pointer = detail.InstanceLocation.ToString();
            foreach (var keyword in detail.Errors!.Keys)
            {
                var violation = keyword switch
                {
                    "type" => SchemaViolationKind.WrongType,
                    "enum" => SchemaViolationKind.NotInEnum,
                    "required" => SchemaViolationKind.MissingRequired,
                    "format" => SchemaViolationKind.FormatMismatch,
                    "additionalProperties" or "falseSchema" or "" => SchemaViolationKind.UnknownField,
                    _ => throw new InvalidOperationException($"unexpected keyword '{keyword}' at {pointer}: {detail.Errors[keyword]}"),
                };
                if (!placeholders.Contains(pointer))
                {
                    found.Add(new ReferenceViolation(violation, pointer));
                }
            }
        }

        // One finding per mistake, as the product reports it: a value of the wrong type is not also outside its enum or format.
        var wrongType = found.Where(v => v.Kind == SchemaViolationKind.WrongType).Select(v => v.Pointer).ToHashSet(StringComparer.Ordinal);
        found.RemoveAll(v => v.Kind is SchemaViolationKind.NotInEnum or SchemaViolationKind.FormatMismatch && wrongType.Contains(v.Pointer));
        return [.. found.Distinct().OrderBy(v => v.Pointer, StringComparer.Ordinal).ThenBy(v => v.Kind)];
    }

    private static EvaluatedSchema SchemaOf(KindSchemaInfo kind)
    {
        lock (KindSchemas)
        {
            if (!KindSchemas.TryGetValue(kind.SchemaName, out var schema))
            {
                var text = $$"""{"$schema": "http://json-schema.org/draft-07/schema#", "$ref": "{{DocumentUri}}#/definitions/{{kind.SchemaName}}"}""";
                schema = EvaluatedSchema.FromText(text, LazyBuildOptions.Value, new Uri($"https://manifestlint.invalid/kinds/{kind.SchemaName}.json"));
                KindSchemas[kind.SchemaName] = schema;
            }

            return schema;
        }
    }
}
