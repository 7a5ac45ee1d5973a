namespace ManifestLint.TestSupport.JsonSchema;

/// <summary>RFC 6901 helpers.</summary>
internal static class JsonPointer
{
    public static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Append(string pointer, string token) => pointer + "/" + Escape(token);

    public static string Append(string pointer, int index) => pointer + "/" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Splits an already percent-decoded pointer ("" or "/a/b") into unescaped tokens.</summary>
    public static IReadOnlyList<string> Parse(string pointer)
    {
        if (pointer.Length == 0)
        {
            return [];
        }

        if (pointer[0] != '/')
        {
            throw new JsonSchemaException($"JSON pointer '{pointer}' must be empty or start with '/'.");
        }

        // ~1 must be decoded before ~0, otherwise "~01" would wrongly become "/".
        return pointer[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
    }

    public static JsonNode? Navigate(JsonNode root, IReadOnlyList<string> tokens, string displayPointer)
    {
        JsonNode? current = root;
        foreach (var token in tokens)
        {
            current = current switch
            {
                JsonObject obj when obj.TryGetPropertyValue(token, out var child) => child,
                JsonArray arr when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < arr.Count => arr[i],
                _ => throw new JsonSchemaException($"JSON pointer '{displayPointer}' does not resolve: no '{token}'."),
            };
        }

        return current;
    }

    /// <summary>Pointer of a node from the root of its own tree, built from the parent chain.</summary>
    public static string Of(JsonNode node)
    {
        var tokens = new Stack<string>();
        for (var current = node; current.Parent is { } parent; current = parent)
        {
            tokens.Push(parent is JsonArray
                ? current.GetElementIndex().ToString(CultureInfo.InvariantCulture)
                : Escape(current.GetPropertyName()));
        }

        return tokens.Count == 0 ? "" : "/" + string.Join('/', tokens);
    }
}
