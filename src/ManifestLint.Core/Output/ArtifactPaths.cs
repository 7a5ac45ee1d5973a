using ManifestLint.Core.Engine;
using ManifestLint.Core.Loading;

namespace ManifestLint.Core.Output;

/// <summary>
/// The path every format shows for a diagnostic: relative to <see cref="OutputContext.BaseDirectory"/> (the
/// repository root), with forward slashes. Diagnostics carry paths relative to the run's own base directory;
/// the MSBuild task may write SARIF against a different root than it analyzed from, so files read from disk
/// are re-based through their full path instead of trusting the two directories to agree.
/// </summary>
public sealed class ArtifactPaths
{
    private readonly Dictionary<string, LoadedFile> _files;
    private readonly string _baseDirectory;

    public ArtifactPaths(AnalysisResult result, OutputContext context)
    {
        _files = result.Files.GroupBy(f => f.Source.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _baseDirectory = Path.GetFullPath(context.BaseDirectory);
    }

    public static bool IsStandardInput(string displayPath) => displayPath == LintRunner.StandardInputPath;

    /// <summary>The file a display path names, when it was loaded in this run.</summary>
    public LoadedFile? FileOf(string displayPath) => _files.GetValueOrDefault(displayPath);

    /// <summary>
    /// The path relative to the base directory when the file is below it; otherwise the full path. Standard
    /// input and paths of files this run did not load are returned unchanged.
    /// </summary>
    public string Display(string displayPath)
    {
        if (_files.GetValueOrDefault(displayPath)?.Source.FullPath is not { } fullPath)
        {
            return displayPath;
        }

        return InputCollector.DisplayPath(fullPath, _baseDirectory);
    }

    /// <summary>Display path plus line, as people read it: <c>deploy.yaml:14</c>.</summary>
    public string DisplayLine(Location location) => $"{Display(location.Path)}:{location.Span.Start.Line}";
}
