namespace ManifestLint.TestSupport.JsonSchema;

/// <summary>multipleOf, minimum and maximum, all exact (see <see cref="JsonNumber"/>).</summary>
internal sealed partial class Evaluation
{
    private void MultipleOf(KeywordContext c)
    {
        var divisor = c.Number();
        if (divisor.Sign <= 0)
        {
            throw new JsonSchemaException($"{c.Where} must be greater than 0.");
        }

        if (JsonData.TryGetNumber(c.Instance, out var value) && !JsonNumber.IsMultipleOf(value, divisor))
        {
            Fail(c, $"Value {value} is not a multiple of {divisor}.");
        }
    }

    private void Minimum(KeywordContext c)
    {
        var limit = c.Number();
        if (!JsonData.TryGetNumber(c.Instance, out var value))
        {
            return;
        }

        var exclusive = c.SiblingFlag("exclusiveMinimum");
        var comparison = JsonNumber.Compare(value, limit);
        if (comparison < 0 || (exclusive && comparison == 0))
        {
            Fail(c, exclusive ? $"Value {value} must be greater than {limit}." : $"Value {value} is less than the minimum {limit}.");
        }
    }

    private void Maximum(KeywordContext c)
    {
        var limit = c.Number();
        if (!JsonData.TryGetNumber(c.Instance, out var value))
        {
            return;
        }

        var exclusive = c.SiblingFlag("exclusiveMaximum");
        var comparison = JsonNumber.Compare(value, limit);
        if (comparison > 0 || (exclusive && comparison == 0))
        {
            Fail(c, exclusive ? $"Value {value} must be less than {limit}." : $"Value {value} is greater than the maximum {limit}.");
        }
    }
}
