using System.IO.Compression;
using ManifestLint.Core.Loading;
using ManifestLint.Core.Model;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Schema;

/// <summary>
/// The custom resource schemas of one run: the CRDs in the input, each for the custom resources of its own deployment
/// unit (its kustomization, chart or folder: a collection of samples often holds several versions of one CRD, and a
/// sample next door may be meant for another); then the CRDs of the configured CRD files (<c>crds:</c>), for every custom
/// resource of the run, as the cluster they describe serves them to all; then the bundled Gateway API v1.6.1 CRDs. A
/// custom resource whose CRD is in none of them is not validated.
/// </summary>
public sealed class CustomResourceSchemas
{
    public const string GatewayApiResourceName = "ManifestLint.Core.Schema.gateway-api-v1.6.1.crds.yaml.gz";

    private static readonly Lazy<IReadOnlyList<CustomResourceSchema>> LazyBundled = new(ReadBundled);

    private readonly Dictionary<(World.DeploymentUnit Unit, string ApiVersion, string Kind), CustomResourceSchema> _byKind = [];
    private readonly Dictionary<(string ApiVersion, string Kind), CustomResourceSchema> _configured = [];
    private readonly World.DeploymentUnits _units;

    /// <param name="configured">The CRDs of the configured CRD files, in path order: the first to define a kind wins.</param>
    public CustomResourceSchemas(IEnumerable<Resource> definitions, World.DeploymentUnits units, IEnumerable<MappingNode>? configured = null)
    {
        RegexTimeBox.Apply();
        _units = units;
        foreach (var definition in definitions.Where(IsDefinition))
        {
            var unit = units.Of(definition.File);
            foreach (var schema in CustomResourceSchema.FromDefinition(definition.Root))
            {
                _byKind.TryAdd((unit, schema.ApiVersion, schema.Kind), schema);
            }
        }

        foreach (var definition in configured ?? [])
        {
            foreach (var schema in CustomResourceSchema.FromDefinition(definition))
            {
                _configured.TryAdd((schema.ApiVersion, schema.Kind), schema);
            }
        }
    }

    public static IReadOnlyList<CustomResourceSchema> Bundled => LazyBundled.Value;

    public static bool IsDefinition(Resource resource) => resource.Is(DefinitionGroup, DefinitionKind);

    public static bool IsDefinition(RawObject definition) => definition.Kind == DefinitionKind && KnownKinds.GroupOf(definition.ApiVersion) == DefinitionGroup;

    private const string DefinitionGroup = "apiextensions.k8s.io";
    private const string DefinitionKind = "CustomResourceDefinition";

    /// <summary>The schema for a custom resource: its unit's CRD, else a configured one, else a bundled one; null when none defines its kind.</summary>
    public CustomResourceSchema? Find(Resource resource) => Find(resource, resource.ApiVersion, resource.Kind);

    private CustomResourceSchema? Find(Resource resource, string apiVersion, string kind) =>
        (_byKind.Count == 0 ? null : _byKind.GetValueOrDefault((_units.Of(resource.File), apiVersion, kind)))
        ?? (_configured.Count == 0 ? null : _configured.GetValueOrDefault((apiVersion, kind)))
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
