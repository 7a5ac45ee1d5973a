using ManifestLint.Core.Loading;
using ManifestLint.Core.Model;
using Microsoft.Extensions.FileSystemGlobbing;

namespace ManifestLint.Core.World;

/// <summary>Why a folder is a deployment unit of its own.</summary>
public enum DeploymentUnitKind
{
    /// <summary>A folder of manifests: the default unit of every file.</summary>
    Folder,

    /// <summary>A folder with a kustomization file: everything below it is one kustomize build.</summary>
    Kustomization,

    /// <summary>A Helm chart (a folder with Chart.yaml).</summary>
    Chart,

    /// <summary>Declared under <c>units</c> in .manifestlint.yaml.</summary>
    Configured,

    /// <summary>One stream (standard input, such as <c>helm template</c> output).</summary>
    Stream,
}

/// <summary>
/// A part of the input that is deployed as a whole (one example of a collection, one overlay, one chart). Completeness
/// judgements ("this unit declares its Secrets in namespace shop") are made per unit: one sample's Secret says nothing
/// about the Secrets of the sample next to it. <see cref="Root"/> is the folder's display path ("" for the base folder).
/// </summary>
public sealed record DeploymentUnit(string Root, DeploymentUnitKind Kind)
{
    // Units key the world model's tables, asked once per resource and reference: hash the root once, not on every
    // lookup. The properties have no init accessor, so no `with` can leave the hash stale.
    private readonly int _hash = HashCode.Combine(Root, Kind);

    public string Root { get; } = Root;

    public DeploymentUnitKind Kind { get; } = Kind;

    public override int GetHashCode() => _hash;

    public override string ToString() => Root.Length == 0 ? "." : Root;
}

/// <summary>
/// Finds the units of a run from the structure of the input. A file belongs to the nearest folder above it (or its own)
/// that is a kustomization root, a chart root or a unit declared in configuration; otherwise to its own folder, so that
/// a tree of independent examples is a tree of independent units. Objects are never merged across files either way:
/// every definition stays a variant of its own (see <see cref="WorldModel.Nearest"/>).
/// </summary>
public sealed class DeploymentUnits
{
    private readonly Dictionary<string, DeploymentUnit> _roots;
    private readonly Dictionary<string, DeploymentUnit> _byFolder = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<SourceFile, DeploymentUnit> _byFile = new(ReferenceEqualityComparer.Instance);

    private DeploymentUnits(Dictionary<string, DeploymentUnit> roots, IEnumerable<SourceFile> files)
    {
        _roots = roots;
        foreach (var file in files)
        {
            _byFolder.TryAdd(KeyOf(file), Find(file));
        }
    }

    public static DeploymentUnits Discover(IEnumerable<SourceFile> files, IReadOnlyList<string>? configuredUnits = null)
    {
        var all = files.ToList();
        var roots = new Dictionary<string, DeploymentUnit>(StringComparer.Ordinal);
        Matcher? configured = null;
        if (configuredUnits is { Count: > 0 })
        {
            configured = new Matcher(StringComparison.Ordinal);
            configured.AddIncludePatterns(configuredUnits);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in all.Where(f => f.FullPath is not null))
        {
            // Every folder from the file's up to the base folder may be a root of its own; each is matched once.
            for (var folder = FolderOf(file.Path); configured is not null && folder.Length > 0 && seen.Add(folder); folder = FolderOf(folder))
            {
                if (configured.Match(folder).HasMatches)
                {
                    roots.TryAdd(folder, new DeploymentUnit(folder, DeploymentUnitKind.Configured));
                }
            }

            var name = Path.GetFileName(file.Path);
            if (KustomizationReader.IsKustomizationFileName(name))
            {
                roots.TryAdd(FolderOf(file.Path), new DeploymentUnit(FolderOf(file.Path), DeploymentUnitKind.Kustomization));
            }
            else if (name == "Chart.yaml")
            {
                roots.TryAdd(FolderOf(file.Path), new DeploymentUnit(FolderOf(file.Path), DeploymentUnitKind.Chart));
            }
        }

        return new DeploymentUnits(roots, all);
    }

    /// <summary>The unit of a file; asked once per candidate in rules' searches, so answered from a cache per file.</summary>
    public DeploymentUnit Of(SourceFile file) =>
        _byFile.TryGetValue(file, out var known) ? known
            : _byFile.GetOrAdd(file, f => _byFolder.TryGetValue(KeyOf(f), out var unit) ? unit : Find(f));

    private DeploymentUnit Find(SourceFile file)
    {
        if (file.FullPath is null)
        {
            return new DeploymentUnit(file.Path, DeploymentUnitKind.Stream);
        }

        for (var folder = FolderOf(file.Path); ; folder = FolderOf(folder))
        {
            if (_roots.TryGetValue(folder, out var root))
            {
                return root;
            }

            if (folder.Length == 0)
            {
                return new DeploymentUnit(FolderOf(file.Path), DeploymentUnitKind.Folder);
            }
        }
    }

    private static string KeyOf(SourceFile file) => file.FullPath is null ? "\0" + file.Path : FolderOf(file.Path);

    /// <summary>The folder part of a display path ("" for a file in the base folder).</summary>
    public static string FolderOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "" : path[..slash];
    }

    /// <summary>
    /// How far apart two folders are in the tree: steps up from <paramref name="from"/> to the folder both lie in, then
    /// down. 0 for the same folder, so the nearest definition of an object is the one in the referrer's own folder.
    /// </summary>
    public static int Distance(string from, string to)
    {
        if (from == to)
        {
            return 0;
        }

        var a = from.Length == 0 ? [] : from.Split('/');
        var b = to.Length == 0 ? [] : to.Split('/');
        var common = 0;
        while (common < a.Length && common < b.Length && a[common] == b[common])
        {
            common++;
        }

        return a.Length - common + (b.Length - common);
    }
}
