namespace ManifestLint.TestSupport.Tests;

/// <summary>One test of the official JSON-Schema-Test-Suite: a schema, a datum and the expected verdict.</summary>
public sealed record SuiteCase(string File, int GroupIndex, int TestIndex, string Group, string Test, JsonNode Schema, JsonNode? Data, bool Valid)
{
    /// <summary>Stable, serialisable key ("file#group/test") used to pass a case through MSTest's data rows.</summary>
    public string Id => $"{File}#{GroupIndex}/{TestIndex}";

    public string DisplayName => $"{File}: {Group} / {Test}";
}
