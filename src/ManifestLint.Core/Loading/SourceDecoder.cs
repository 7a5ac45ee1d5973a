using System.Buffers;
using System.Text;
using System.Text.Unicode;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Loading;

public sealed record DecodeResult(string? Text, string? Problem, TextSpan ProblemSpan);

/// <summary>Turns file bytes into text the way Kubernetes tooling accepts it: UTF-8, or UTF-16 with a BOM.</summary>
public static class SourceDecoder
{
    private static readonly Encoding StrictUtf16Le = new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf16Be = new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);

    public static DecodeResult Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]) || bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return Fail("File is UTF-32 encoded; save it as UTF-8", 1, 1);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return DecodeUtf16(bytes[2..], StrictUtf16Le);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return DecodeUtf16(bytes[2..], StrictUtf16Be);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            var (line, column) = PositionOf(bytes, nul);
            return Fail("File contains NUL bytes: it is binary, or UTF-16 without a byte order mark", line, column);
        }

        var buffer = ArrayPool<char>.Shared.Rent(bytes.Length);
        try
        {
            var status = Utf8.ToUtf16(bytes, buffer, out var bytesRead, out var charsWritten, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                var (line, column) = PositionOf(bytes, bytesRead);
                return Fail($"Invalid UTF-8 byte sequence (byte 0x{bytes[bytesRead]:X2} at offset {bytesRead})", line, column);
            }

            return new DecodeResult(new string(buffer, 0, charsWritten), null, default);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static DecodeResult DecodeUtf16(ReadOnlySpan<byte> bytes, Encoding encoding)
    {
        try
        {
            return new DecodeResult(encoding.GetString(bytes), null, default);
        }
        catch (DecoderFallbackException ex)
        {
            return Fail($"Invalid UTF-16 text: {ex.Message}", 1, 1);
        }
    }

    private static DecodeResult Fail(string message, int line, int column) =>
        new(null, message, TextSpan.At(line, column));

    /// <summary>1-based line and column (in characters) of a byte offset in valid UTF-8 up to that offset.</summary>
    private static (int Line, int Column) PositionOf(ReadOnlySpan<byte> bytes, int offset)
    {
        var before = bytes[..offset];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var column = Encoding.UTF8.GetCharCount(before[lineStart..]) + 1;
        return (line, column);
    }
}
