using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;
using ManifestLint.Core.Suppressions;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Loading;

/// <summary>An object found in a file before namespaces are resolved (a CRD elsewhere may declare its scope).</summary>
public sealed record RawObject(
    int DocumentIndex,
    int? ListItemIndex,
    MappingNode Root,
    string ApiVersion,
    string Kind,
    string Name,
    string? DeclaredNamespace,
    string? HelmSource,
    bool HasGeneratedName = false);

public sealed record LoadedFile(
    SourceFile Source,
    TextSource? Text,
    IReadOnlyList<RawObject> Objects,
    IReadOnlyList<SourceComment> Comments,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>ConfigMaps and Secrets the generators of a kustomization file create; empty for other files.</summary>
    public IReadOnlyList<KustomizeGeneratedObject> KustomizeGenerated { get; init; } = [];

    /// <summary>Full paths of the files a kustomization file applies as patches; empty for other files.</summary>
    public IReadOnlyList<string> KustomizePatches { get; init; } = [];

    /// <summary>The file's suppression comments, read while its text was at hand.</summary>
    public CommentSuppressions Suppressions { get; init; } = CommentSuppressions.Empty;
}

/// <summary>
/// Reads one file into Kubernetes objects. Every problem becomes a located diagnostic; nothing here throws
/// for bad input, so one broken file never costs the results of another.
/// </summary>
public static class ManifestLoader
{
    public static LoadedFile Load(InputFile input, LoadOptions options)
    {
        var source = input.Source;
        byte[] bytes;
        try
        {
            long? size = input.Content is null && source.FullPath is not null ? new FileInfo(source.FullPath).Length : null;
            if (size > options.MaxFileSizeBytes)
            {
                return Failed(source, CoreRules.FileTooLarge, CoreRules.FileTooLarge.FormatMessage(size, options.MaxFileSizeBytes), TextSpan.At(1, 1));
            }

            // Named pipes, sockets and devices report length 0, and opening a pipe blocks until something writes to it:
            // a zero-length file is taken as empty without being opened (an empty regular file reads the same anyway).
            bytes = input.Content ?? (size == 0 ? [] : File.ReadAllBytes(source.FullPath!));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return Failed(source, CoreRules.FileUnreadable, $"File could not be read: {ex.Message}", TextSpan.At(1, 1));
        }

        if (bytes.LongLength > options.MaxFileSizeBytes)
        {
            return Failed(source, CoreRules.FileTooLarge, CoreRules.FileTooLarge.FormatMessage(bytes.LongLength, options.MaxFileSizeBytes), TextSpan.At(1, 1));
        }

        var decoded = SourceDecoder.Decode(bytes);
        if (decoded.Text is null)
        {
            return Failed(source, CoreRules.InvalidEncoding, decoded.Problem!, decoded.ProblemSpan);
        }

        var reload = input.Content is not null ? TextSource.OfBytes(input.Content) : TextSource.OfFile(source.FullPath!);
        return LoadText(source, decoded.Text, options, reload);
    }

    public static LoadedFile LoadText(SourceFile source, string text, LoadOptions options) => LoadText(source, text, options, TextSource.OfText(text));

    private static LoadedFile LoadText(SourceFile source, string text, LoadOptions options, TextSource reload)
    {
        var stream = YamlStreamReader.Read(text, options.YamlLimits);
        if (LooksLikeUnrenderedHelm(text, stream))
        {
            var first = TemplatePlaceholders.IndexOfTemplateAction(text);
            var line = text.AsSpan(0, first).Count('\n') + 1;
            var column = first - (text.LastIndexOf('\n', Math.Max(first - 1, 0)) + 1) + 1;
            var note = new Diagnostic(CoreRules.UnrenderedHelmTemplate, CoreRules.UnrenderedHelmTemplate.DefaultSeverity,
                CoreRules.UnrenderedHelmTemplate.FormatMessage("it contains '{{' template actions"), new Location(source.Path, TextSpan.At(line, column)), []);
            return new LoadedFile(source, reload, [], stream.Comments, [note]) { Suppressions = CommentSuppressions.Read(stream.Comments, text) };
        }

        if (IsOtherJson(source, text, stream))
        {
            return new LoadedFile(source, reload, [], stream.Comments, []) { Suppressions = CommentSuppressions.Read(stream.Comments, text) };
        }

        var diagnostics = stream.Problems
            .Select(p => new Diagnostic(p.Rule, p.Rule.DefaultSeverity, p.Message, new Location(source.Path, p.Span, HelmSourceAt(stream.Documents, p.Span.Start)), []))
            .ToList();
        var objects = new List<RawObject>();
        List<KustomizeGeneratedObject>? kustomizeGenerated = null;
        List<string>? kustomizePatches = null;
        var kubernetesDocuments = stream.Documents.Count(d => d.Root is MappingNode m && IsKubernetesObject(m));
        var file = new FileObjects(source, DeclaredKinds(stream.Documents), objects, diagnostics);
        foreach (var document in stream.Documents)
        {
            switch (document.Root)
            {
                case null:
                    continue;
                case MappingNode map when KustomizationReader.IsKustomization(source, map):
                    // kustomize's configuration, not a cluster object: keep only what its generators create.
                    (kustomizeGenerated ??= []).AddRange(KustomizationReader.GeneratedObjects(source, map));
                    (kustomizePatches ??= []).AddRange(KustomizationReader.PatchPaths(source, map));
                    break;
                case MappingNode map:
                    ReadObject(file, document, map, null);
                    break;
                case ScalarNode { IsNull: true }:
                    continue;
                default:
                    // A stray scalar or list in a stream of manifests is a mistake; in a non-Kubernetes YAML file it is not ours to judge.
                    if (kubernetesDocuments > 0 || document.Root is SequenceNode seq && seq.Mappings().Any(IsKubernetesObject))
                    {
                        var what = document.Root is SequenceNode ? "a sequence" : "a scalar";
                        diagnostics.Add(new Diagnostic(CoreRules.DocumentNotMapping, CoreRules.DocumentNotMapping.DefaultSeverity,
                            $"Document {document.Index + 1} is {what}, not a Kubernetes object (a mapping with apiVersion and kind)",
                            new Location(source.Path, StartOf(document.Root.Span), document.HelmSource), []));
                    }

                    break;
            }
        }

        // Every file's result is kept for the whole run: exact arrays, and no empty collections of its own.
        return new LoadedFile(source, reload, objects.ToArray(), stream.Comments, diagnostics.Count == 0 ? Array.Empty<Diagnostic>() : diagnostics)
        {
            KustomizeGenerated = kustomizeGenerated ?? (IReadOnlyList<KustomizeGeneratedObject>)Array.Empty<KustomizeGeneratedObject>(),
            KustomizePatches = kustomizePatches ?? (IReadOnlyList<string>)Array.Empty<string>(),
            Suppressions = CommentSuppressions.Read(stream.Comments, text),
        };
    }

    /// <summary>
    /// A document that says what kind it is, or has an apiVersion and metadata. An apiVersion alone is how other tools'
    /// files begin (Helm's Chart.yaml: apiVersion, name, version), and those are skipped quietly.
    /// </summary>
    private static bool IsKubernetesObject(MappingNode map) =>
        map.Get("kind") is not null || map.Get("apiVersion") is not null && map.Get("metadata") is not null;

    /// <summary>
    /// A JSON file that cannot hold a Kubernetes object: not one document parsed as one, and no "apiVersion" or "kind"
    /// anywhere in its text, where even a broken manifest has them. Repositories are full of such JSON (package.json,
    /// dashboards, data: istio's ratings_data.json is a mongo import, one object per line, which is not one JSON value),
    /// and its problems are not ours, as other tools' YAML is skipped quietly. YAML keeps its syntax errors: a broken
    /// YAML file in a manifests folder is most likely a manifest.
    /// </summary>
    private static bool IsOtherJson(SourceFile source, string text, ParsedStream stream) =>
        source.Path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) &&
        !stream.Documents.Any(d => d.Root is MappingNode map && IsKubernetesObject(map)) &&
        !text.Contains("apiVersion", StringComparison.Ordinal) && !text.Contains("kind", StringComparison.Ordinal);

    /// <summary>
    /// The chart template of the document a position lies in, so that a YAML problem in rendered Helm output (a
    /// duplicate key is a classic template bug) names its template like any other diagnostic. Documents are in order.
    /// </summary>
    private static string? HelmSourceAt(IReadOnlyList<ParsedDocument> documents, SourcePosition position)
    {
        var (lo, hi) = (0, documents.Count);
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (documents[mid].Span.Start.CompareTo(position) <= 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo > 0 && position.CompareTo(documents[lo - 1].Span.End) <= 0 ? documents[lo - 1].HelmSource : null;
    }

    private static TextSpan StartOf(TextSpan span) => new(span.Start, new SourcePosition(span.Start.Line, span.Start.Column + 1));

    /// <summary>What the objects of one file are read into, and the kinds its CustomResourceDefinitions declare.</summary>
    private sealed record FileObjects(SourceFile Source, IReadOnlySet<(string Group, string Kind)> DeclaredKinds, List<RawObject> Objects, List<Diagnostic> Diagnostics);

    /// <summary>
    /// The list an item is read from. The items of a typed list (PodList, DeploymentList: what the API and
    /// <c>kubectl get -o yaml</c> return) carry no kind or apiVersion of their own: they are of the list's item kind, in its
    /// apiVersion. The items of a <c>kind: List</c> must say what they are.
    /// </summary>
    private sealed record ListContext(string ListKind, string ApiVersion, int Index)
    {
        public string? ItemKind => ListKind == "List" ? null : ListKind[..^"List".Length];
    }

    private static HashSet<(string Group, string Kind)> DeclaredKinds(IReadOnlyList<ParsedDocument> documents)
    {
        var declared = new HashSet<(string Group, string Kind)>();
        foreach (var document in documents)
        {
            if (document.Root is MappingNode map && map.StringAt("kind") == "CustomResourceDefinition" && KnownKinds.DeclaredBy(map) is { } kind)
            {
                declared.Add(kind);
            }
        }

        return declared;
    }

    /// <summary>
    /// A kind Kubernetes serves in that group, or one a CRD of the same file declares. Only such an object is reported for
    /// a missing apiVersion, kind or name: other tools' files look like objects (IstioOperator, kube-scheduler's Policy,
    /// skaffold's Config) without being any, and the README promises to skip them quietly.
    /// </summary>
    private static bool IsKubernetesKind(FileObjects file, string group, string kind) =>
        KnownKinds.IsBuiltIn(group, kind) || file.DeclaredKinds.Contains((group, kind));

    private static void ReadObject(FileObjects file, ParsedDocument document, MappingNode map, ListContext? list)
    {
        if (list is null && !IsKubernetesObject(map))
        {
            return; // kustomization.yaml, values.yaml, CI workflows: not ours.
        }

        var apiVersion = map.StringAt("apiVersion") ?? (list?.ItemKind is not null ? list.ApiVersion : null);
        var kind = map.StringAt("kind") ?? list?.ItemKind;
        // A kind that is not a string (a list, null) leaves no kind, and possibly no apiVersion either: nothing says what it is.
        if (kind is null)
        {
            if (list is not null)
            {
                // Never dropped without a word: the List says its items are objects.
                Report(file, document, CoreRules.MissingRequiredField, $"Item {list.Index + 1} of the {list.ListKind} has no kind; it was not analyzed", StartOf(map.Span));
            }
            else if (apiVersion is not null && KnownKinds.GroupOf(apiVersion) is var group
                && (KnownKinds.IsBuiltInGroup(group) || file.DeclaredKinds.Any(d => d.Group == group)))
            {
                Report(file, document, CoreRules.MissingRequiredField, "Object has an apiVersion but no kind", map.KeyOf("apiVersion")!.Span);
            }

            return;
        }

        if (apiVersion is null)
        {
            if (list is not null || KnownKinds.IsBuiltInKindOfAnyGroup(kind) || file.DeclaredKinds.Any(d => d.Kind == kind))
            {
                Report(file, document, CoreRules.MissingRequiredField, "Object has a kind but no apiVersion", map.KeyOf("kind")!.Span);
            }

            return;
        }

        if (KnownKinds.IsListKind(kind) && map.Get("items") is SequenceNode items)
        {
            var index = 0;
            foreach (var item in items.Items)
            {
                if (item is MappingNode itemMap)
                {
                    ReadObject(file, document, itemMap, new ListContext(kind, apiVersion, index));
                }
                else
                {
                    Report(file, document, CoreRules.DocumentNotMapping, $"Item {index + 1} of the {kind} is not a Kubernetes object", StartOf(item.Span));
                }

                index++;
            }

            return;
        }

        var metadata = map.Get("metadata");
        var name = metadata?.StringAt("name");
        // Named by the API server at creation (a Job made by kubectl create): nothing refers to it by name, but its pods
        // are real and Services select them, so it is loaded under its prefix.
        var generateName = name is null ? metadata?.StringAt("generateName") : null;
        if (name is null && generateName is null)
        {
            if (list is not null || IsKubernetesKind(file, KnownKinds.GroupOf(apiVersion), kind))
            {
                var at = (map.KeyOf("metadata") ?? map.KeyOf("kind"))?.Span ?? StartOf(map.Span);
                Report(file, document, CoreRules.MissingRequiredField, $"{kind} has no metadata.name", at);
            }

            return;
        }

        file.Objects.Add(new RawObject(document.Index, list?.Index, map, apiVersion, kind, name ?? generateName!, metadata?.StringAt("namespace"), document.HelmSource,
            HasGeneratedName: name is null));
    }

    private static void Report(FileObjects file, ParsedDocument document, RuleDescriptor rule, string message, TextSpan span) =>
        file.Diagnostics.Add(new Diagnostic(rule, rule.DefaultSeverity, message, new Location(file.Source.Path, span, document.HelmSource), []));

    /// <summary>
    /// Go template actions are usually not YAML: either the parse fails, or "{{ .Values.x }}" parses as a flow mapping
    /// used as a key. A rendered manifest whose ConfigMap merely contains "{{" in a string parses cleanly and is analyzed
    /// as usual, and so does one with sed placeholders ("{{replicas}}"), which the reader reads as plain values.
    /// </summary>
    private static bool LooksLikeUnrenderedHelm(string text, ParsedStream stream)
    {
        if (!(stream.HadSyntaxError || stream.HasComplexKey) || TemplatePlaceholders.IndexOfTemplateAction(text) < 0)
        {
            return false;
        }

        // Only a problem at (or just after) a template action makes this a template: a rendered manifest with
        // "{{" inside a string and a real syntax error elsewhere must still get its ML9001.
        var lines = text.Split('\n');
        return stream.Problems.Any(p => Enumerable.Range(p.Span.Start.Line - 2, 3)
            .Any(line => line >= 1 && line <= lines.Length && TemplatePlaceholders.IndexOfTemplateAction(lines[line - 1]) >= 0));
    }

    private static LoadedFile Failed(SourceFile source, RuleDescriptor rule, string message, TextSpan span) =>
        new(source, null, [], [], [new Diagnostic(rule, rule.DefaultSeverity, message, new Location(source.Path, span), [])]);
}
