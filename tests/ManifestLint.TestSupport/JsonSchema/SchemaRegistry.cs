namespace ManifestLint.TestSupport.JsonSchema;

/// <summary>
/// Knows every schema document the validator has seen: which base URI (resolution scope) applies to each
/// subschema, which "id"s name resources or location-independent identifiers, and how to turn a $ref into a node.
/// Remote documents are loaded lazily, so access is serialised.
/// </summary>
internal sealed class SchemaRegistry
{
    private const string Draft04MetaSchemaUri = "http://json-schema.org/draft-04/schema";

    private static readonly string[] ObjectOfSchemasKeywords = ["properties", "patternProperties", "definitions", "dependencies"];
    private static readonly string[] ArrayOfSchemasKeywords = ["items", "allOf", "anyOf", "oneOf"];
    private static readonly string[] SingleSchemaKeywords = ["items", "additionalItems", "additionalProperties", "not"];

    private readonly Lock _gate = new();
    private readonly Func<Uri, JsonNode?>? _remoteResolver;
    private readonly Dictionary<string, JsonNode> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _anchors = new(StringComparer.Ordinal);
    private readonly Dictionary<JsonNode, Uri> _baseUris = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<JsonNode, string> _documentPrefixes = new(ReferenceEqualityComparer.Instance);

    public SchemaRegistry(JsonNode root, Uri retrievalUri, Func<Uri, JsonNode?>? remoteResolver)
    {
        if (!retrievalUri.IsAbsoluteUri)
        {
            throw new ArgumentException("The base URI must be absolute.", nameof(retrievalUri));
        }

        _remoteResolver = remoteResolver;
        Root = root;
        AddDocument(root, retrievalUri, locationPrefix: "#");
    }

    public JsonNode Root { get; }

    /// <summary>Finds the schema a $ref points at, relative to the scope of the schema holding the $ref.</summary>
    public JsonObject Resolve(string reference, JsonObject holder)
    {
        lock (_gate)
        {
            var hash = reference.IndexOf('#', StringComparison.Ordinal);
            var documentPart = hash < 0 ? reference : reference[..hash];
            var fragment = Uri.UnescapeDataString(hash < 0 ? "" : reference[(hash + 1)..]);
            var scope = BaseUriOf(holder);
            var documentUri = documentPart.Length == 0 ? scope : Combine(scope, documentPart, reference);
            var key = KeyOf(documentUri);

            var target = fragment.Length == 0 || fragment[0] == '/'
                ? JsonPointer.Navigate(ResourceFor(key, documentUri, reference), JsonPointer.Parse(fragment), reference)
                : AnchorFor(key, fragment, documentUri, reference);

            return target as JsonObject
                ?? throw new JsonSchemaException($"$ref '{reference}' points at {JsonData.Describe(target)}, which is not a schema object.");
        }
    }

    /// <summary>"#/definitions/x/required" for the root document, "uri#/..." for documents reached remotely.</summary>
    public string LocationOf(JsonObject schema, string keyword)
    {
        var root = (JsonNode)schema;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        lock (_gate)
        {
            var prefix = _documentPrefixes.GetValueOrDefault(root, "#");
            return JsonPointer.Append(prefix + JsonPointer.Of(schema), keyword);
        }
    }

    private static string KeyOf(Uri uri) =>
        uri.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.Fragment, UriFormat.UriEscaped);

    private static Uri Combine(Uri scope, string relative, string context)
    {
        try
        {
            return new Uri(scope, relative);
        }
        catch (UriFormatException ex)
        {
            throw new JsonSchemaException($"'{context}' is not a valid URI reference (scope {scope}).", ex);
        }
    }

    private static void Materialize(JsonNode? node)
    {
        // JsonNode parses children lazily and that first touch is not thread-safe; touching everything
        // up front lets concurrent Validate calls read the schema without locks.
        switch (node)
        {
            case JsonObject obj:
                foreach (var member in obj)
                {
                    Materialize(member.Value);
                }

                break;
            case JsonArray arr:
                foreach (var item in arr)
                {
                    Materialize(item);
                }

                break;
        }
    }

    private Uri BaseUriOf(JsonObject schema)
    {
        // Nodes outside schema positions (a $ref target inside "enum", say) inherit the nearest known scope.
        for (JsonNode? node = schema; node is not null; node = node.Parent)
        {
            if (_baseUris.TryGetValue(node, out var uri))
            {
                return uri;
            }
        }

        throw new JsonSchemaException($"Schema at {JsonPointer.Of(schema)} does not belong to a registered document.");
    }

    private JsonNode ResourceFor(string key, Uri documentUri, string reference)
    {
        if (!_resources.ContainsKey(key))
        {
            LoadRemote(key, documentUri, reference);
        }

        return _resources[key];
    }

    private JsonObject AnchorFor(string key, string name, Uri documentUri, string reference)
    {
        if (!_resources.ContainsKey(key))
        {
            LoadRemote(key, documentUri, reference);
        }

        return _anchors.TryGetValue(key + "#" + name, out var anchor)
            ? anchor
            : throw new JsonSchemaException($"$ref '{reference}': no schema has id '#{name}' in {key}.");
    }

    private void LoadRemote(string key, Uri documentUri, string reference)
    {
        var retrieval = new Uri(key);
        var document = string.Equals(key, Draft04MetaSchemaUri, StringComparison.Ordinal)
            ? LoadDraft04MetaSchema()
            : _remoteResolver?.Invoke(retrieval)?.DeepClone();

        if (document is null)
        {
            throw new JsonSchemaException(
                $"Cannot resolve $ref '{reference}': document {documentUri} is unknown. " +
                $"Remote documents need {nameof(JsonSchemaValidatorOptions)}.{nameof(JsonSchemaValidatorOptions.RemoteDocumentResolver)}.");
        }

        AddDocument(document, retrieval, locationPrefix: key + "#");
    }

    private static JsonNode LoadDraft04MetaSchema()
    {
        using var stream = typeof(SchemaRegistry).Assembly.GetManifestResourceStream("ManifestLint.TestSupport.JsonSchema.draft-04-schema.json")
            ?? throw new JsonSchemaException("The embedded draft-04 meta-schema is missing from the assembly.");
        return JsonNode.Parse(stream) ?? throw new JsonSchemaException("The embedded draft-04 meta-schema is empty.");
    }

    private void AddDocument(JsonNode document, Uri retrievalUri, string locationPrefix)
    {
        Materialize(document);
        _documentPrefixes[document] = locationPrefix;
        _resources.TryAdd(KeyOf(retrievalUri), document);
        Register(document, new Uri(KeyOf(retrievalUri)));
    }

    /// <summary>Records the scope of every subschema, following only schema-valued keywords so that an "id" inside enum data is ignored.</summary>
    private void Register(JsonNode? node, Uri scope)
    {
        if (node is not JsonObject schema)
        {
            return;
        }

        // Draft-04 ignores every sibling of $ref, "id" included.
        if (!schema.ContainsKey("$ref") && JsonData.TryGetString(schema["id"], out var id))
        {
            scope = ApplyId(schema, scope, id);
        }

        _baseUris[schema] = scope;
        foreach (var keyword in ObjectOfSchemasKeywords)
        {
            if (schema[keyword] is JsonObject children)
            {
                foreach (var child in children)
                {
                    Register(child.Value, scope);
                }
            }
        }

        foreach (var keyword in ArrayOfSchemasKeywords)
        {
            if (schema[keyword] is JsonArray children)
            {
                foreach (var child in children)
                {
                    Register(child, scope);
                }
            }
        }

        foreach (var keyword in SingleSchemaKeywords)
        {
            Register(schema[keyword] as JsonObject, scope);
        }
    }

    private Uri ApplyId(JsonObject schema, Uri scope, string id)
    {
        var resolved = Combine(scope, id, id);
        var key = KeyOf(resolved);
        var hash = id.IndexOf('#', StringComparison.Ordinal);
        var name = hash < 0 ? "" : Uri.UnescapeDataString(id[(hash + 1)..]);
        if (name.Length > 0 && name[0] != '/')
        {
            _anchors.TryAdd(key + "#" + name, schema);
        }

        if (hash == 0)
        {
            return scope;
        }

        _resources.TryAdd(key, schema);
        return new Uri(key);
    }
}
