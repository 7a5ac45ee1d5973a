using ManifestLint.Core.Model;

namespace ManifestLint.Core.Loading;

/// <summary>A file to analyze: on disk (content read lazily, in parallel) or given in memory, such as standard input.</summary>
public sealed record InputFile(SourceFile Source, byte[]? Content = null)
{
    public static InputFile FromMemory(string displayPath, byte[] content) => new(new SourceFile(displayPath, null), content);

    public static InputFile FromText(string displayPath, string text) => FromMemory(displayPath, System.Text.Encoding.UTF8.GetBytes(text));
}
