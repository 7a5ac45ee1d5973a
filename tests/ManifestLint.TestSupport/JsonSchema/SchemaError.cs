namespace ManifestLint.TestSupport.JsonSchema;

/// <summary>One reason why an instance does not conform to a schema.</summary>
/// <param name="InstanceLocation">JSON pointer to the offending value in the instance; "" is the whole document.</param>
/// <param name="SchemaLocation">
/// Where the failing keyword lives: "#/definitions/region/properties/startLine/minimum" for the root schema
/// document, prefixed with the document URI for documents reached through a remote $ref.
/// </param>
/// <param name="Keyword">The draft-04 keyword that failed, e.g. "required".</param>
/// <param name="Message">A human-readable explanation.</param>
public sealed record SchemaError(string InstanceLocation, string SchemaLocation, string Keyword, string Message)
{
    public override string ToString() =>
        $"{(InstanceLocation.Length == 0 ? "(root)" : InstanceLocation)}: {Message} [{SchemaLocation}]";
}
