using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Model;

/// <summary>
/// Reads one pod owner declaration, the same shape in the built-in catalogue (World/PodOwners.yaml) and under
/// <c>podTemplateOwners</c> in .manifestlint.yaml, so that a user's declaration means exactly what a built-in one does.
/// </summary>
public static class PodOwnerDeclaration
{
    /// <summary>The keys a declaration may have, for "unknown key" messages.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        ["group", "apiVersion", "kind", "templatePath", "selectorPath", "selectorIsMap", "hasReplicas", "replicasPath", "labelPaths", "labels", "nameLabels", "openLabels"];

    /// <summary>The owner declared by <paramref name="node"/>; <paramref name="problem"/> says what is wrong, and where, when it is null.</summary>
    public static PodTemplateOwner? Read(ManifestNode node, out (string Message, SourcePosition At)? problem)
    {
        problem = null;
        if (node is not MappingNode owner || owner.StringAt("kind") is not { Length: > 0 } kind)
        {
            problem = ("each pod owner needs 'kind' (and 'group' or 'apiVersion'), with 'templatePath' or labels", node.Span.Start);
            return null;
        }

        foreach (var entry in owner.Entries)
        {
            if (!Keys.Contains(entry.KeyText))
            {
                problem = ($"unknown pod owner setting '{entry.KeyText}' (expected {string.Join(", ", Keys)})", entry.KeySpan.Start);
                return null;
            }
        }

        var templatePath = owner.StringAt("templatePath");
        var labelPaths = Strings(owner, "labelPaths", ref problem);
        var nameLabels = Strings(owner, "nameLabels", ref problem);
        var fixedLabels = owner.Get("labels") switch
        {
            null => new Dictionary<string, string>(),
            MappingNode labels => labels.ToStringMap(),
            var other => Fail(ref problem, "'labels' must map label keys to values", other.Span.Start),
        };
        var (openKeys, allOpen) = owner.Get("openLabels") switch
        {
            null => ([], false),
            ScalarNode flag when flag.AsBoolean() is { } open => (Array.Empty<string>(), open),
            _ => (Strings(owner, "openLabels", ref problem), false),
        };
        if (problem is not null)
        {
            return null;
        }

        if (templatePath is null && labelPaths.Count == 0 && fixedLabels.Count == 0 && nameLabels.Count == 0 && !allOpen)
        {
            problem = ($"pod owner '{kind}' needs 'templatePath', or the labels its pods get ('labelPaths', 'labels', 'nameLabels' or 'openLabels: true')", node.Span.Start);
            return null;
        }

        var group = owner.StringAt("group") ?? GroupOf(owner.StringAt("apiVersion") ?? "");
        var selectorPath = owner.StringAt("selectorPath");
        return new PodTemplateOwner(group, kind, templatePath is null ? null : SplitPath(templatePath), selectorPath is null ? null : SplitPath(selectorPath),
            SelectorIsMap: owner.ScalarAt("selectorIsMap")?.AsBoolean() ?? false,
            HasReplicas: owner.ScalarAt("hasReplicas")?.AsBoolean() ?? true)
        {
            LabelPaths = [.. labelPaths.Select(SplitPath)],
            FixedLabels = fixedLabels,
            NameLabels = nameLabels,
            OpenLabelKeys = openKeys,
            AllLabelsOpen = allOpen,
            ReplicasPath = owner.StringAt("replicasPath") is { } replicasPath ? SplitPath(replicasPath) : ["spec", "replicas"],
        };
    }

    private static IReadOnlyList<string> Strings(MappingNode owner, string key, ref (string, SourcePosition)? problem)
    {
        switch (owner.Get(key))
        {
            case null:
                return [];
            case SequenceNode list when list.Items.All(i => i is ScalarNode):
                return [.. list.Items.Cast<ScalarNode>().Select(s => s.Value)];
            case var other:
                problem ??= ($"'{key}' must be a list of strings", other.Span.Start);
                return [];
        }
    }

    private static Dictionary<string, string> Fail(ref (string, SourcePosition)? problem, string message, SourcePosition at)
    {
        problem ??= (message, at);
        return [];
    }

    private static string GroupOf(string apiVersion) => apiVersion.Contains('/') ? apiVersion[..apiVersion.IndexOf('/')] : "";

    private static string[] SplitPath(string dotted) => dotted.Split('.', StringSplitOptions.RemoveEmptyEntries);
}
