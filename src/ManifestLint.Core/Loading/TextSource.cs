namespace ManifestLint.Core.Loading;

/// <summary>
/// Where a loaded file's text can be read again. A run does not hold the texts of its files: at scale they were a
/// fifth of its memory (a 70 MB corpus is 140 MB of UTF-16 text), while only output needs them, and only for the
/// files with findings. Text that arrived in memory (standard input, tests) stays in memory; a file on disk is read
/// and decoded again, exactly as the loader decoded it.
/// </summary>
public sealed class TextSource
{
    private readonly string? _text;
    private readonly byte[]? _bytes;
    private readonly string? _fullPath;

    private TextSource(string? text, byte[]? bytes, string? fullPath) => (_text, _bytes, _fullPath) = (text, bytes, fullPath);

    public static TextSource OfText(string text) => new(text, null, null);

    public static TextSource OfBytes(byte[] bytes) => new(null, bytes, null);

    public static TextSource OfFile(string fullPath) => new(null, null, fullPath);

    /// <summary>The decoded text; null when the file can no longer be read or decoded (it changed after loading).</summary>
    public string? Read()
    {
        if (_text is not null)
        {
            return _text;
        }

        try
        {
            return SourceDecoder.Decode(_bytes ?? File.ReadAllBytes(_fullPath!)).Text;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return null;
        }
    }
}
