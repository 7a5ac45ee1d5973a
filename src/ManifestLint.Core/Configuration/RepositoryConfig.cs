using System.Globalization;
using ManifestLint.Core.Index;
using ManifestLint.Core.Loading;
using ManifestLint.Core.Model;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Configuration;

/// <summary>A problem in a configuration file: it stops the run with exit code 2, naming the place.</summary>
public sealed class ConfigurationException(string message) : Exception(message)
{
    /// <summary>The one form of a configuration error with a place: <c>path(line,col): message</c>, as compilers write it.</summary>
    public static ConfigurationException At(string path, SourcePosition at, string message) => new($"{path}({at.Line},{at.Column}): {message}");
}

/// <summary>
/// The repository configuration file, <c>.manifestlint.yaml</c>: rule severities, the default namespace,
/// extra pod owners, objects that exist outside the input, paths to ignore, CRDs to validate custom resources with,
/// and the team's custom rules.
/// </summary>
public sealed record RepositoryConfig
{
    public const string FileName = ".manifestlint.yaml";

    public string? Path { get; init; }

    public string? DefaultNamespace { get; init; }

    public long? MaxFileSize { get; init; }

    /// <summary>The Kubernetes release the manifests are for (<c>kubernetesVersion: "1.35"</c>).</summary>
    public Schema.KubernetesVersion? KubernetesVersion { get; init; }

    public IReadOnlyList<string> IgnorePaths { get; init; } = [];

    /// <summary>Keys are rule IDs, <c>category-NAME</c> or <c>all</c>; values as in .editorconfig.</summary>
    public IReadOnlyDictionary<string, string> Rules { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<PodTemplateOwner> PodTemplateOwners { get; init; } = [];

    public IReadOnlyList<ExternalObject> ExternalObjects { get; init; } = [];

    /// <summary>Namespaces (and kinds) the input holds in full: a missing target there is missing.</summary>
    public IReadOnlyList<World.CompletenessDeclaration> Complete { get; init; } = [];

    /// <summary>Folders (globs relative to the base directory) that are deployment units of their own.</summary>
    public IReadOnlyList<string> Units { get; init; } = [];

    /// <summary>CRD files and folders (<c>crds:</c>) whose CustomResourceDefinitions validate every custom resource of the run.</summary>
    public IReadOnlyList<CrdLocation> Crds { get; init; } = [];

    /// <summary>The team's own rules (<c>customRules:</c>), which the rule registry turns into analyzers.</summary>
    public IReadOnlyList<CustomRuleDefinition> CustomRules { get; init; } = [];

    /// <summary>The nearest .manifestlint.yaml in the directory or its parents, stopping at a repository root.</summary>
    public static string? Discover(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }

            if (RepositoryRoot.IsRoot(dir.FullName))
            {
                return null;
            }
        }

        return null;
    }

    public static RepositoryConfig Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{path}: cannot read configuration: {ex.Message}");
        }

        return Parse(text, path);
    }

    public static RepositoryConfig Parse(string text, string path)
    {
        var stream = YamlStreamReader.Read(text);
        if (stream.Problems.FirstOrDefault() is { } problem)
        {
            throw Error(path, problem.Span.Start, problem.Message);
        }

        if (stream.Documents.FirstOrDefault()?.Root is not MappingNode root)
        {
            return new RepositoryConfig { Path = path };
        }

        var config = new RepositoryConfig { Path = path };
        MappingEntry? customRules = null;
        foreach (var entry in root.Entries)
        {
            if (entry.KeyText == "customRules")
            {
                // Read last: which kinds have containers depends on podTemplateOwners, wherever it is written.
                customRules = entry;
                continue;
            }

            config = entry.Key.Value switch
            {
                "defaultNamespace" => config with { DefaultNamespace = RequireString(path, entry) },
                "maxFileSize" => config with { MaxFileSize = ParseSize(path, entry) },
                "kubernetesVersion" => config with
                {
                    KubernetesVersion = Schema.KubernetesVersion.Parse(RequireString(path, entry))
                        ?? throw Error(path, entry.Value.Span.Start, $"'kubernetesVersion' must be one of {string.Join(", ", Schema.KubernetesVersion.Supported)}"),
                },
                "ignorePaths" => config with { IgnorePaths = StringList(path, entry) },
                "rules" => config with { Rules = RuleSeverities(path, entry) },
                "podTemplateOwners" => config with { PodTemplateOwners = Owners(path, entry) },
                "externalObjects" => config with { ExternalObjects = Externals(path, entry) },
                "complete" => config with { Complete = Completeness(path, entry) },
                "units" => config with { Units = StringList(path, entry) },
                "crds" => config with { Crds = CrdLocations(path, entry) },
                _ => throw Error(path, entry.Key.Span.Start,
                    $"unknown setting '{entry.Key.Value}' (expected defaultNamespace, maxFileSize, kubernetesVersion, ignorePaths, rules, podTemplateOwners, externalObjects, complete, units, crds or customRules)"),
            };
        }

        if (customRules is { } rules)
        {
            var owners = config.PodTemplateOwners;
            config = config with { CustomRules = CustomRuleDefinition.ReadAll(path, rules, () => owners) };
        }

        return config;
    }

    internal static ConfigurationException Error(string path, SourcePosition at, string message) => ConfigurationException.At(path, at, message);

    private static string RequireString(string path, MappingEntry entry) =>
        entry.Value is ScalarNode { IsNull: false } s ? s.Value : throw Error(path, entry.Value.Span.Start, $"'{entry.Key.Value}' must be a string");

    private static IReadOnlyList<string> StringList(string path, MappingEntry entry) =>
        entry.Value is SequenceNode seq && seq.Items.All(i => i is ScalarNode)
            ? [.. seq.Items.Cast<ScalarNode>().Select(s => s.Value)]
            : throw Error(path, entry.Value.Span.Start, $"'{entry.Key.Value}' must be a list of strings");

    private static long ParseSize(string path, MappingEntry entry)
    {
        var text = RequireString(path, entry).Trim();
        var multiplier = 1L;
        foreach (var (suffix, factor) in new[] { ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("KB", 1000L), ("MB", 1000_000L), ("GB", 1000_000_000L) })
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                multiplier = factor;
                text = text[..^suffix.Length].Trim();
                break;
            }
        }

        // A size too large for a long would wrap around to a negative limit that refuses every file.
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= long.MaxValue / multiplier
            ? value * multiplier
            : throw Error(path, entry.Value.Span.Start, "'maxFileSize' must be a positive number of bytes, optionally with KiB, MiB or GiB");
    }

    private static IReadOnlyDictionary<string, string> RuleSeverities(string path, MappingEntry entry)
    {
        if (entry.Value is not MappingNode map)
        {
            throw Error(path, entry.Value.Span.Start, "'rules' must map rule IDs (or category-NAME, or all) to severities");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rule in map.Entries)
        {
            var severity = RequireString(path, rule);
            if (!Engine.SeverityNames.TryParseConfigured(severity, out _, out _))
            {
                throw Error(path, rule.Value.Span.Start, $"unknown severity '{severity}' (expected error, warning, suggestion, silent, none or default)");
            }

            result[rule.Key.Value] = severity;
        }

        return result;
    }

    private static IReadOnlyList<PodTemplateOwner> Owners(string path, MappingEntry entry)
    {
        var owners = new List<PodTemplateOwner>();
        foreach (var item in (entry.Value as SequenceNode)?.Items ?? throw Error(path, entry.Value.Span.Start, "'podTemplateOwners' must be a list"))
        {
            owners.Add(PodOwnerDeclaration.Read(item, out var problem) ?? throw Error(path, problem!.Value.At, problem.Value.Message));
        }

        return owners;
    }

    /// <summary><c>complete:</c> a list of <c>{namespace: NAME|"*", kinds: [KIND…]}</c>, or of plain namespace names.</summary>
    private static IReadOnlyList<World.CompletenessDeclaration> Completeness(string path, MappingEntry entry)
    {
        var result = new List<World.CompletenessDeclaration>();
        foreach (var item in (entry.Value as SequenceNode)?.Items ?? throw Error(path, entry.Value.Span.Start, "'complete' must be a list"))
        {
            switch (item)
            {
                case ScalarNode { IsNull: false } name:
                    result.Add(new World.CompletenessDeclaration(name.Value, []));
                    break;
                case MappingNode declaration when declaration.StringAt("namespace") is { Length: > 0 } ns:
                    var kinds = declaration.Get("kinds") switch
                    {
                        null => [],
                        SequenceNode list when list.Items.All(k => k is ScalarNode) => list.Items.Cast<ScalarNode>().Select(k => k.Value).ToList(),
                        var other => throw Error(path, other.Span.Start, "'kinds' must be a list of kinds"),
                    };
                    result.Add(new World.CompletenessDeclaration(ns, kinds));
                    break;
                default:
                    throw Error(path, item.Span.Start, "each 'complete' entry is a namespace name, or 'namespace' (\"*\" for all) with optional 'kinds'");
            }
        }

        return result;
    }

    /// <summary>
    /// <c>crds:</c> a list of files and folders, relative to the configuration file's folder (as the file is shared by
    /// everyone who runs from anywhere below it). A path that is not there is a mistake in this file, so it is reported
    /// here, at the entry, rather than as a CRD that quietly validates nothing.
    /// </summary>
    private static IReadOnlyList<CrdLocation> CrdLocations(string path, MappingEntry entry)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        var result = new List<CrdLocation>();
        foreach (var item in (entry.Value as SequenceNode)?.Items ?? throw Error(path, entry.Value.Span.Start, "'crds' must be a list of CRD files or folders"))
        {
            if (item is not ScalarNode { IsNull: false } written || written.Value.Trim().Length == 0)
            {
                throw Error(path, item.Span.Start, "each 'crds' entry is the path of a CRD file or folder, relative to the configuration file's folder");
            }

            var full = System.IO.Path.GetFullPath(written.Value, folder);
            if (!File.Exists(full) && !Directory.Exists(full))
            {
                throw Error(path, item.Span.Start, $"CRD path '{written.Value}' does not exist (looked for {full}; paths are relative to the folder of {FileName}, and globs are not expanded)");
            }

            result.Add(new CrdLocation(written.Value, full, item.Span.Start));
        }

        return result;
    }

    private static IReadOnlyList<ExternalObject> Externals(string path, MappingEntry entry)
    {
        var result = new List<ExternalObject>();
        foreach (var item in (entry.Value as SequenceNode)?.Items ?? throw Error(path, entry.Value.Span.Start, "'externalObjects' must be a list"))
        {
            if (item is not MappingNode obj || obj.StringAt("kind") is not { } kind || obj.StringAt("name") is not { } name)
            {
                throw Error(path, item.Span.Start, "each external object needs 'kind' and 'name' (and optionally 'namespace')");
            }

            result.Add(new ExternalObject(kind, obj.StringAt("namespace"), name));
        }

        return result;
    }
}

/// <summary>One entry of <c>crds:</c>: the path as written, where it resolves, and where it is written (for errors).</summary>
public sealed record CrdLocation(string Written, string FullPath, SourcePosition At);
