namespace ManifestLint.TestSupport.JsonSchema;

/// <summary>Knobs for <see cref="JsonSchemaValidator"/>; the defaults suit a self-contained schema.</summary>
public sealed record JsonSchemaValidatorOptions
{
    /// <summary>
    /// URI the root document was retrieved from; an "id" in the root is resolved against it.
    /// Defaults to a placeholder under the reserved ".invalid" domain, so it can never collide with a real document.
    /// </summary>
    public Uri BaseUri { get; init; } = new("https://manifestlint.invalid/root-schema.json");

    /// <summary>
    /// Supplies documents for $ref URIs outside the root document (the URI has no fragment).
    /// Return null when unknown. The draft-04 meta-schema is built in and never asked for.
    /// </summary>
    public Func<Uri, JsonNode?>? RemoteDocumentResolver { get; init; }
}
