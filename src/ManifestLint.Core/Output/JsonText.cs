using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ManifestLint.Core.Output;

/// <summary>How the JSON formats (json, sarif) are written, so their bytes never depend on the platform.</summary>
internal static class JsonText
{
    // Fixed "\n" so the same input gives the same bytes on Windows; relaxed escaping keeps quotes and
    // non-ASCII readable (the output is a file, never embedded in HTML).
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes a document with <paramref name="write"/> and returns its UTF-8 bytes, ending in a newline.</summary>
    public static byte[] Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    public static void WriteTo(TextWriter output, byte[] utf8) => output.Write(Encoding.UTF8.GetString(utf8));

    public static void WriteStringOrNull(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
