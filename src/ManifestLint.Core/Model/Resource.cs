using ManifestLint.Core.Engine;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Model;

/// <summary>The file a resource was read from. <see cref="Path"/> is the display path used in diagnostics.</summary>
public sealed record SourceFile(string Path, string? FullPath);

/// <summary>One Kubernetes object of the run, with its YAML tree and where it came from.</summary>
public sealed class Resource
{
    public Resource(
        SourceFile file,
        int documentIndex,
        MappingNode root,
        string apiVersion,
        string kind,
        string name,
        string? @namespace,
        string? helmSource,
        int? listItemIndex = null)
    {
        File = file;
        DocumentIndex = documentIndex;
        Root = root;
        ApiVersion = apiVersion;
        var slash = apiVersion.IndexOf('/');
        Group = KnownKinds.GroupOf(apiVersion);
        Version = slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
        Kind = kind;
        Name = name;
        Namespace = @namespace;
        HelmSource = helmSource;
        ListItemIndex = listItemIndex;
        Labels = root.MappingAt("metadata", "labels")?.ToStringMap() ?? EmptyMap;
        Annotations = root.MappingAt("metadata", "annotations")?.ToStringMap() ?? EmptyMap;
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyMap = new Dictionary<string, string>();

    private MappingNode? _spec;
    private bool _specRead;

    public SourceFile File { get; }

    /// <summary>0-based index of the YAML document in its file.</summary>
    public int DocumentIndex { get; }

    /// <summary>0-based index within a <c>kind: List</c>, when the resource is a list item.</summary>
    public int? ListItemIndex { get; }

    public MappingNode Root { get; }

    public string ApiVersion { get; }

    /// <summary>The API group: "" for the core group (apiVersion v1), "apps" for apps/v1.</summary>
    public string Group { get; }

    public string Version { get; }

    public string Kind { get; }

    public string Name { get; }

    /// <summary>
    /// The object has only <c>metadata.generateName</c> (a Job made by <c>kubectl create</c>): <see cref="Name"/> is that
    /// prefix, which the API server completes, so nothing can refer to the object by it; its pods still count.
    /// </summary>
    public bool HasGeneratedName { get; init; }

    /// <summary>The effective namespace (the run's default when omitted); null for cluster-scoped kinds.</summary>
    public string? Namespace { get; }

    public string? HelmSource { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    public IReadOnlyDictionary<string, string> Annotations { get; }

    /// <summary>The spec mapping; read once, as rules ask for it often and a small mapping's node is built on demand.</summary>
    public MappingNode? Spec
    {
        get
        {
            // Rules run concurrently: two may both read it first, which is harmless (they build equal nodes).
            if (!Volatile.Read(ref _specRead))
            {
                _spec = Root.MappingAt("spec");
                Volatile.Write(ref _specRead, true);
            }

            return _spec;
        }
    }

    /// <summary>
    /// The mistakes against the kind's schema (built-in kinds), set by the engine's schema phase before any rule runs;
    /// empty when no Schema rule runs or the kind has no schema.
    /// </summary>
    public IReadOnlyList<Schema.SchemaViolation> SchemaViolations { get; internal set; } = [];

    public bool Is(string group, string kind) => Kind == kind && Group == group;

    public ResourceReference Reference => new(Kind, Namespace, Name);

    public Location LocationOf(ManifestNode node) => new(File.Path, node.Span, HelmSource);

    /// <summary>The key of an entry (for example <c>selector:</c>), where a diagnostic about the entry starts.</summary>
    public Location KeyLocationOf(MappingNode parent, string key) =>
        parent.GetEntry(key) is { } entry ? LocationOf(entry.Key) : LocationOf(parent);

    /// <summary>Where the resource is best pointed at as a whole: its <c>metadata.name</c> value.</summary>
    public Location Location => LocationOf(Root.ScalarAt("metadata", HasGeneratedName ? "generateName" : "name") ?? (ManifestNode)Root);

    public override string ToString() => Reference.ToString();
}
