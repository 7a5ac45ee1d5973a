namespace ManifestLint.TestSupport.JsonSchema;

/// <summary>
/// The schema itself is unusable (unresolvable or circular $ref, malformed keyword, missing file).
/// Distinct from <see cref="SchemaError"/>, which blames the instance.
/// </summary>
public sealed class JsonSchemaException : Exception
{
    public JsonSchemaException(string message)
        : base(message)
    {
    }

    public JsonSchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
