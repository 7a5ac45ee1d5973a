using System.Text;
using ManifestLint.CorpusGenerator.Emit;
using ManifestLint.CorpusGenerator.Manifests;
using ManifestLint.CorpusGenerator.Model;

namespace ManifestLint.CorpusGenerator;

/// <summary>Renders objects into files in one of the layouts, counting what it writes and where marked keys landed.</summary>
internal sealed class CorpusWriter(string outputDirectory, FileSink sink)
{
    /// <summary>Helm renders kinds in this order (its InstallOrder); "helm template" output follows it.</summary>
    private static readonly string[] HelmKindOrder =
    [
        "NetworkPolicy", "PodDisruptionBudget", "ServiceAccount", "Secret", "ConfigMap", "Service", "Deployment",
        "HorizontalPodAutoscaler", "Ingress",
    ];

    private readonly TextBuffer _buffer = new();

    public int Documents { get; private set; }
    public int Objects { get; private set; }
    public int Files { get; private set; }
    public long Bytes { get; private set; }

    /// <summary>A marked key found in a written file.</summary>
    public sealed record Mark(string File, int Line);

    public void WriteYamlStream(string relativePath, IReadOnlyList<ManifestObject> objects, bool leadingSeparator, List<Mark> marks)
    {
        for (var i = 0; i < objects.Count; i++)
        {
            if (i > 0 || leadingSeparator)
            {
                _buffer.AppendLine("---");
            }

            YamlEmitter.WriteDocument(_buffer, objects[i].Root, indentSequences: false);
        }

        Flush(relativePath, objects.Count, objects.Count, marks);
    }

    public void WriteHelmRendered(string relativePath, string chart, IReadOnlyList<ManifestObject> objects, List<Mark> marks)
    {
        var ordered = objects.OrderBy(o => Array.IndexOf(HelmKindOrder, o.Kind)).ToList();
        foreach (var obj in ordered)
        {
            _buffer.AppendLine("---");
            _buffer.AppendLine($"# Source: {chart}/templates/{obj.FileStem}.yaml");
            YamlEmitter.WriteDocument(_buffer, obj.Root, indentSequences: true);
        }

        Flush(relativePath, ordered.Count, ordered.Count, marks);
    }

    public void WriteList(string relativePath, IReadOnlyList<ManifestObject> objects, List<Mark> marks)
    {
        var items = new Seq();
        foreach (var obj in objects)
        {
            items.Add(obj.Root);
        }

        var list = new Map()
            .Add("apiVersion", "v1")
            .Add("kind", "List")
            .Add("metadata", new Map().Add("resourceVersion", ""))
            .Add("items", items);
        YamlEmitter.WriteDocument(_buffer, list, indentSequences: false);
        Flush(relativePath, documents: 1, objects.Count, marks);
    }

    public void WriteJson(string relativePath, ManifestObject obj, List<Mark> marks)
    {
        JsonEmitter.WriteDocument(_buffer, obj.Root);
        Flush(relativePath, documents: 1, objects: 1, marks);
    }

    private void Flush(string relativePath, int documents, int objects, List<Mark> marks)
    {
        foreach (var line in _buffer.MarkedLines)
        {
            marks.Add(new Mark(relativePath, line));
        }

        var text = _buffer.ToString();
        _buffer.Reset();
        var bytes = Encoding.UTF8.GetBytes(text);
        sink.Write(Path.Combine(outputDirectory, relativePath), bytes);
        Documents += documents;
        Objects += objects;
        Files++;
        Bytes += bytes.Length;
    }
}
