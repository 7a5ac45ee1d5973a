using System.IO.Compression;
using ManifestLint.Core.Loading;
using ManifestLint.Core.Model;

namespace ManifestLint.Core.Schema;

/// <summary>
/// The custom resource schemas of one run: the CRDs in the input, then the bundled Gateway API v1.6.1 CRDs for the kinds
/// the input does not define. A custom resource whose CRD is in neither is not validated.
/// </summary>
public sealed class CustomResourceSchemas
{
    public const string GatewayApiResourceName = "ManifestLint.Core.Schema.gateway-api-v1.6.1.crds.yaml.gz";

    private static readonly Lazy<IReadOnlyList<CustomResourceSchema>> LazyBundled = new(ReadBundled);

    private readonly Dictionary<(string ApiVersion, string Kind), CustomResourceSchema> _byKind = [];

    public CustomResourceSchemas(IEnumerable<Resource> definitions)
    {
        RegexTimeBox.Apply();
        foreach (var definition in definitions.Where(IsDefinition))
        {
            foreach (var schema in CustomResourceSchema.FromDefinition(definition.Root))
            {
                _byKind.TryAdd((schema.ApiVersion, schema.Kind), schema);
            }
        }

        InputKinds = _byKind.Count;
    }

    /// <summary>How many kinds the input's own CRDs define (the rest of <see cref="Find"/>'s answers are bundled).</summary>
    public int InputKinds { get; }

    public static IReadOnlyList<CustomResourceSchema> Bundled => LazyBundled.Value;

    public static bool IsDefinition(Resource resource) => resource.Is("apiextensions.k8s.io", "CustomResourceDefinition");

    public CustomResourceSchema? Find(string apiVersion, string kind) =>
        _byKind.GetValueOrDefault((apiVersion, kind))
        ?? (KnownKinds.GroupOf(apiVersion).StartsWith("gateway.networking", StringComparison.Ordinal)
            ? Bundled.FirstOrDefault(s => s.ApiVersion == apiVersion && s.Kind == kind)
            : null);

    private static IReadOnlyList<CustomResourceSchema> ReadBundled()
    {
        RegexTimeBox.Apply();
        using var stream = typeof(CustomResourceSchemas).Assembly.GetManifestResourceStream(GatewayApiResourceName)
            ?? throw new InvalidOperationException($"{GatewayApiResourceName} is not embedded");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var file = ManifestLoader.Load(InputFile.FromText("gateway-api-v1.6.1.crds.yaml", reader.ReadToEnd()), new LoadOptions());
        return [.. file.Objects.Where(o => o.Kind == "CustomResourceDefinition").SelectMany(o => CustomResourceSchema.FromDefinition(o.Root))];
    }
}

/// <summary>
/// Every regular expression the product runs without a timeout of its own (JsonSchema.Net's <c>pattern</c>, on a CRD
/// author's patterns) gets one. The runtime reads the default once, when the first regular expression is built, so the
/// CLI and the MSBuild task call <see cref="Apply"/> first thing; the custom resource schemas call it too, in case.
/// </summary>
public static class RegexTimeBox
{
    public static void Apply()
    {
        if (AppContext.GetData("REGEX_DEFAULT_MATCH_TIMEOUT") is null)
        {
            AppDomain.CurrentDomain.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", CustomResourceSchema.RegexTimeout);
        }
    }
}
