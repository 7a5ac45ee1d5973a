namespace ManifestLint.TestSupport.JsonSchema;

/// <summary>Keywords that apply to any instance type: type, enum and the boolean combinators.</summary>
internal sealed partial class Evaluation
{
    private const int MaxListedAlternatives = 10;

    private static bool HasType(JsonNode? instance, string typeName) => typeName switch
    {
        "integer" => JsonData.TryGetNumber(instance, out var number) && number.IsInteger,
        JsonData.Null or JsonData.Boolean or JsonData.Object or JsonData.Array or JsonData.Number or JsonData.String =>
            JsonData.TypeOf(instance) == typeName,
        _ => throw new JsonSchemaException($"Unknown type name '{typeName}'."),
    };

    private static string ListOf(IEnumerable<string> items)
    {
        var list = items.Take(MaxListedAlternatives + 1).ToList();
        var shown = string.Join(", ", list.Take(MaxListedAlternatives));
        return list.Count > MaxListedAlternatives ? shown + ", ..." : shown;
    }

    private void Type(KeywordContext c)
    {
        IReadOnlyList<string> allowed = c.Value switch
        {
            JsonArray names => names.Select(n => JsonData.TryGetString(n, out var s) ? s : throw new JsonSchemaException($"{c.Where} lists a non-string type.")).ToList(),
            _ when JsonData.TryGetString(c.Value, out var name) => [name],
            _ => throw new JsonSchemaException($"{c.Where} expects a string or an array of strings."),
        };

        var instance = c.Instance;
        if (!allowed.Any(t => HasType(instance, t)))
        {
            var expected = allowed.Count == 1 ? allowed[0] : $"one of [{string.Join(", ", allowed)}]";
            Fail(c, $"Expected type {expected} but found {JsonData.TypeOf(instance)}.");
        }
    }

    private void Enum(KeywordContext c)
    {
        var options = c.Value as JsonArray ?? throw new JsonSchemaException($"{c.Where} expects an array.");
        var instance = c.Instance;
        if (!options.Any(option => JsonData.DeepEquals(option, instance)))
        {
            Fail(c, $"Value {JsonData.Describe(instance)} is not one of the allowed values: {ListOf(options.Select(JsonData.Describe))}.");
        }
    }

    private void AllOf(KeywordContext c)
    {
        // Inner errors are reported as they are: they already point at the precise cause.
        foreach (var branch in c.SchemaArray())
        {
            Evaluate(c.Instance, c.SubSchema(branch), c.Location, c.Errors);
        }
    }

    private void AnyOf(KeywordContext c)
    {
        var failures = new List<List<SchemaError>>();
        foreach (var branch in c.SchemaArray())
        {
            var errors = Trial(c.Instance, c.SubSchema(branch), c.Location);
            if (errors.Count == 0)
            {
                return;
            }

            failures.Add(errors);
        }

        Fail(c, $"Value matches none of the {failures.Count} subschemas in anyOf: {Summarize(failures)}.");
    }

    private void OneOf(KeywordContext c)
    {
        var failures = new List<List<SchemaError>>();
        var matches = new List<int>();
        var branches = c.SchemaArray();
        for (var i = 0; i < branches.Count; i++)
        {
            var errors = Trial(c.Instance, c.SubSchema(branches[i]), c.Location);
            if (errors.Count == 0)
            {
                matches.Add(i);
            }
            else
            {
                failures.Add(errors);
            }
        }

        if (matches.Count == 0)
        {
            Fail(c, $"Value matches none of the {branches.Count} subschemas in oneOf: {Summarize(failures)}.");
        }
        else if (matches.Count > 1)
        {
            Fail(c, $"Value matches subschemas {string.Join(", ", matches)} of oneOf, but must match exactly one.");
        }
    }

    private void Not(KeywordContext c)
    {
        if (Trial(c.Instance, c.SubSchema(c.Value), c.Location).Count == 0)
        {
            Fail(c, "Value matches the schema in 'not'.");
        }
    }

    private static string Summarize(List<List<SchemaError>> failures) =>
        string.Join("; ", failures.Select((errors, i) => $"[{i}] {errors[0]}"));
}
