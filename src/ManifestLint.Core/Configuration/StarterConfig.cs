using System.Text;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;
using ManifestLint.Core.World;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Configuration;

/// <summary>A custom resource kind whose operator is not known, with where its pod template seems to be (null: none found).</summary>
public sealed record UnknownPodOwner(string ApiVersion, string Kind, string? TemplatePath, string Example);

/// <summary>A folder whose CRDs define custom resources of other units, which see none of their own, with one such resource.</summary>
public sealed record CrdFolder(string Folder, string Example);

/// <summary>An object the manifests refer to but do not declare, with one referrer to show where.</summary>
public sealed record UnresolvedObject(string Kind, string? Namespace, string Name, string ReferredBy);

/// <summary>
/// What <c>dotnet manifest-lint init</c> learns from a repository to write a first <c>.manifestlint.yaml</c>: its
/// deployment units, the custom resources whose operators ManifestLint does not know, and the objects referred to but
/// not declared. <see cref="Render"/> writes them as a file in which every suggestion is commented out, so that the
/// file is valid and changes nothing until someone decides.
/// </summary>
public sealed record StarterConfig(
    IReadOnlyList<DeploymentUnit> Units,
    IReadOnlyList<UnknownPodOwner> UnknownPodOwners,
    IReadOnlyList<UnresolvedObject> Unresolved,
    int Files,
    int Resources)
{
    /// <summary>Folders to suggest under <c>crds:</c>: their CRDs define custom resources whose own unit has no CRD for them.</summary>
    public IReadOnlyList<CrdFolder> CrdFolders { get; init; } = [];

    public static StarterConfig From(AnalysisResult result)
    {
        var index = result.Index;
        var units = result.World is { } world
            ? result.Files.Select(f => world.Units.Of(f.Source)).Distinct().OrderBy(u => u.Root, StringComparer.Ordinal).ToList()
            : [];

        var owners = index.Resources
            .Where(r => CustomResources.MayCreateUnseenPods(r, index.PodTemplateOf(r) is not null))
            .GroupBy(r => (r.ApiVersion, r.Kind))
            .OrderBy(g => g.Key.Kind, StringComparer.Ordinal).ThenBy(g => g.Key.ApiVersion, StringComparer.Ordinal)
            .Select(g => new UnknownPodOwner(g.Key.ApiVersion, g.Key.Kind, g.Select(r => TemplatePathOf(r.Root)).FirstOrDefault(p => p is not null),
                $"{g.First().Reference} ({g.First().File.Path})"))
            .ToList();

        var unresolved = index.PodTemplates
            .SelectMany(t => ConfigReferences.Of(t).Where(r => !r.Optional).Select(r => (Template: t, Reference: r)))
            .Where(x => !index.WillExist(x.Reference.Kind, x.Template.Namespace, x.Reference.Name))
            .GroupBy(x => (x.Reference.Kind, x.Template.Namespace, x.Reference.Name))
            .Select(g => new UnresolvedObject(g.Key.Kind, g.Key.Namespace, g.Key.Name, $"{g.First().Template.Owner.Reference} ({g.First().Template.Owner.File.Path})"))
            .OrderBy(o => o.Kind, StringComparer.Ordinal).ThenBy(o => o.Namespace, StringComparer.Ordinal).ThenBy(o => o.Name, StringComparer.Ordinal)
            .ToList();

        return new StarterConfig(units, owners, unresolved, result.Statistics.Files, result.Statistics.Resources) { CrdFolders = CrdFoldersOf(result) };
    }

    /// <summary>
    /// A CRD validates only the custom resources of its own unit unless <c>crds:</c> names it: a repository that keeps its
    /// CRDs in a crds/ folder of their own has custom resources that are never checked until it does.
    /// </summary>
    private static List<CrdFolder> CrdFoldersOf(AnalysisResult result)
    {
        if (result.World is not { } world)
        {
            return [];
        }

        var definitions = result.Index.Resources.Where(Schema.CustomResourceSchemas.IsDefinition)
            .Select(d => (Declared: KnownKinds.DeclaredBy(d.Root), Unit: world.Units.Of(d.File), d.File.Path))
            .Where(d => d.Declared is not null)
            .ToList();
        return [.. result.Index.Resources
            .Where(r => !KnownKinds.IsBuiltInGroup(r.Group) && !Schema.CustomResourceSchemas.IsDefinition(r))
            .Select(r => (Resource: r, Unit: world.Units.Of(r.File), Definitions: definitions.Where(d => d.Declared == (r.Group, r.Kind)).ToList()))
            .Where(x => x.Definitions.Count > 0 && x.Definitions.All(d => d.Unit != x.Unit))
            .GroupBy(x => DeploymentUnits.FolderOf(x.Definitions.Select(d => d.Path).Min(StringComparer.Ordinal)!), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CrdFolder(g.Key.Length == 0 ? "." : g.Key, $"{g.First().Resource.Reference} ({g.First().Resource.File.Path})"))];
    }

    /// <summary>
    /// Where a pod template is in an object: the mapping whose <c>spec.containers</c> is a list (as
    /// <c>spec.template</c> of a Deployment), searched breadth-first under <c>spec</c>; null when there is none.
    /// </summary>
    public static string? TemplatePathOf(MappingNode root)
    {
        var queue = new Queue<(MappingNode Node, string Path)>();
        if (root.MappingAt("spec") is { } spec)
        {
            queue.Enqueue((spec, "spec"));
        }

        while (queue.Count > 0)
        {
            var (node, path) = queue.Dequeue();
            if (node.SequenceAt("spec", "containers") is not null)
            {
                return path;
            }

            foreach (var entry in node.Entries)
            {
                if (entry.Value is MappingNode child && path.Count(c => c == '.') < 6)
                {
                    queue.Enqueue((child, $"{path}.{entry.KeyText}"));
                }
            }
        }

        return null;
    }

    /// <summary>The file's text: comments only, so it parses to the default configuration.</summary>
    public string Render(string toolCommand)
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');

        Line("# ManifestLint configuration, written by `" + toolCommand + " init`.");
        Line("# Every suggestion below is commented out: this file changes nothing until you edit it.");
        Line("# Settings are described in the README, section \"Configuration\"; severities can also go in .editorconfig.");
        Line($"# Found {Files} files with {Resources} Kubernetes objects.");
        Line();

        Line("# Deployment units: each is linted as one whole (a reference is looked for in its own unit first).");
        Line("# Found: a kustomization root, a Helm chart, or else each folder of manifests on its own.");
        foreach (var unit in Units)
        {
            Line($"#   {unit,-40} {Describe(unit.Kind)}");
        }

        if (Units.Count == 0)
        {
            Line("#   (none: no manifests were found)");
        }

        Line("# Folders deployed together that are neither (globs relative to the repository root):");
        Line("# units:");
        Line("#   - \"deploy/*\"");
        Line();

        Line("# Custom resources are checked against the CRDs of their own unit. CRD files and folders (relative to this file)");
        Line("# whose CRDs check the custom resources of every unit:");
        if (CrdFolders.Count == 0)
        {
            Line("#   (none found: no custom resource has its CRD only in another unit)");
            Line("# crds:");
            Line("#   - crds/");
        }
        else
        {
            Line("# crds:");
            foreach (var folder in CrdFolders)
            {
                Line($"#   - {Scalar(folder.Folder)}      # its CRDs define {folder.Example}, whose unit has none");
            }
        }

        Line();

        Line("# Namespace of objects without metadata.namespace, and files to skip:");
        Line("# defaultNamespace: default");
        Line("# ignorePaths: [\"vendor/**\"]");
        Line();

        Line("# Severities (an ID, category-NAME or all: error, warning, suggestion, silent or none):");
        Line("# rules:");
        Line("#   ML1003: warning");
        Line();

        Line("# Custom resources whose operator ManifestLint does not know. If the operator runs pods from a template in the");
        Line("# object, say where it is, so that Services, NetworkPolicies and the rest can match those pods:");
        if (UnknownPodOwners.Count == 0)
        {
            Line("#   (none found)");
            Line("# podTemplateOwners:");
            Line("#   - apiVersion: apps.example.com/v1");
            Line("#     kind: WebApp");
            Line("#     templatePath: spec.podTemplate");
        }
        else
        {
            Line("# podTemplateOwners:");
            foreach (var owner in UnknownPodOwners)
            {
                Line($"#   - apiVersion: {Scalar(owner.ApiVersion)}      # e.g. {owner.Example}");
                Line($"#     kind: {Scalar(owner.Kind)}");
                Line(owner.TemplatePath is { } path
                    ? $"#     templatePath: {path}      # its spec.containers are at {path}.spec.containers"
                    : "#     templatePath: spec.template      # no pod template found in it: check the operator's documentation");
            }
        }

        Line();
        Line("# Objects the manifests refer to but do not declare (created by CI, another repository or an operator). If");
        Line("# they exist in the cluster, declare them, and references to them are checked as present:");
        if (Unresolved.Count == 0)
        {
            Line("#   (none found)");
            Line("# externalObjects:");
            Line("#   - {kind: Secret, namespace: prod, name: wildcard-tls}");
        }
        else
        {
            Line("# externalObjects:");
            foreach (var missing in Unresolved)
            {
                var ns = missing.Namespace is { Length: > 0 } name ? $", namespace: {Scalar(name)}" : "";
                Line($"#   - {{kind: {missing.Kind}{ns}, name: {Scalar(missing.Name)}}}      # used by {missing.ReferredBy}");
            }
        }

        return text.ToString();
    }

    private static string Describe(DeploymentUnitKind kind) => kind switch
    {
        DeploymentUnitKind.Kustomization => "kustomization root",
        DeploymentUnitKind.Chart => "Helm chart",
        DeploymentUnitKind.Configured => "declared in configuration",
        DeploymentUnitKind.Stream => "standard input",
        _ => "folder",
    };

    /// <summary>A YAML scalar as written in a flow mapping: quoted when it is not a plain word.</summary>
    private static string Scalar(string value) =>
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '/') && value.Length > 0 && !ScalarNode.IsNullText(value) && value is not ("true" or "false")
            ? value
            : "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
