namespace ManifestLint.TestSupport.JsonSchema;

/// <summary>String keywords. Lengths count Unicode code points, as JSON Schema requires, not UTF-16 units.</summary>
internal sealed partial class Evaluation
{
    private static int CodePoints(string value) => value.EnumerateRunes().Count();

    private void MinLength(KeywordContext c)
    {
        var limit = c.NonNegativeInteger();
        if (JsonData.TryGetString(c.Instance, out var value) && CodePoints(value) < limit)
        {
            Fail(c, $"String has {CodePoints(value)} characters, fewer than the minimum {limit}.");
        }
    }

    private void MaxLength(KeywordContext c)
    {
        var limit = c.NonNegativeInteger();
        if (JsonData.TryGetString(c.Instance, out var value) && CodePoints(value) > limit)
        {
            Fail(c, $"String has {CodePoints(value)} characters, more than the maximum {limit}.");
        }
    }

    private void Pattern(KeywordContext c)
    {
        if (!JsonData.TryGetString(c.Value, out var pattern))
        {
            throw new JsonSchemaException($"{c.Where} expects a string.");
        }

        if (JsonData.TryGetString(c.Instance, out var value) && !patterns.IsMatch(pattern, value))
        {
            Fail(c, $"String {JsonData.Describe(c.Instance)} does not match the pattern '{pattern}'.");
        }
    }
}
