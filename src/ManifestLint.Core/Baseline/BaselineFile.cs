using System.Text;
using System.Text.Json;
using ManifestLint.Core.Configuration;

namespace ManifestLint.Core.Baseline;

/// <summary>
/// The findings a team has accepted for now, one JSON object a line (JSON Lines), so that a diff of the file reads as
/// the list of findings fixed or added. The first line names the format and its version; then one entry per finding,
/// sorted by file, rule, object, key path and hash, every key always present (null when it does not apply):
/// <code>
/// {"manifestLintBaseline":1}
/// {"file":"k8s/service.yaml","rule":"ML1001","object":"Service/shop/api","path":"spec.selector","hash":null}
/// </code>
/// Nothing in it depends on line numbers or on the time of writing: the same findings always give the same bytes.
/// </summary>
public sealed record BaselineFile(IReadOnlyList<FindingIdentity> Findings)
{
    public const int FormatVersion = 1;

    private const string VersionKey = "manifestLintBaseline";

    /// <exception cref="ConfigurationException">The file is missing or is not a baseline this version reads.</exception>
    public static BaselineFile Load(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{path}: cannot read the baseline: {ex.Message}");
        }

        return Parse(lines, path);
    }

    public static BaselineFile Parse(IReadOnlyList<string> lines, string path)
    {
        var findings = new List<FindingIdentity>();
        var sawHeader = false;
        for (var i = 0; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(lines[i]);
                var entry = document.RootElement;
                if (!sawHeader)
                {
                    if (!entry.TryGetProperty(VersionKey, out var version) || version.ValueKind != JsonValueKind.Number)
                    {
                        throw new ConfigurationException($"{path}:{i + 1}: not a ManifestLint baseline (the first line must be {{\"{VersionKey}\":{FormatVersion}}})");
                    }

                    if (version.GetInt32() != FormatVersion)
                    {
                        throw new ConfigurationException($"{path}:{i + 1}: baseline format {version.GetInt32()} is not supported (this version reads {FormatVersion}); write it again with --write-baseline");
                    }

                    sawHeader = true;
                    continue;
                }

                findings.Add(new FindingIdentity(
                    String(entry, "file") ?? "",
                    String(entry, "rule") ?? throw new ConfigurationException($"{path}:{i + 1}: a baseline entry needs \"rule\""),
                    String(entry, "object"),
                    String(entry, "path"),
                    String(entry, "hash")));
            }
            catch (JsonException ex)
            {
                throw new ConfigurationException($"{path}:{i + 1}: invalid baseline line: {ex.Message}");
            }
            catch (InvalidOperationException ex)
            {
                throw new ConfigurationException($"{path}:{i + 1}: invalid baseline entry: {ex.Message}");
            }
        }

        return sawHeader ? new BaselineFile(findings) : throw new ConfigurationException($"{path}: empty file, not a ManifestLint baseline");
    }

    private static string? String(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public string Serialize()
    {
        var text = new StringBuilder();
        text.Append("{\"").Append(VersionKey).Append("\":").Append(FormatVersion).Append("}\n");
        foreach (var finding in Findings.Order(FindingIdentity.Order))
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                json.WriteString("file", finding.File);
                json.WriteString("rule", finding.Rule);
                WriteStringOrNull(json, "object", finding.Object);
                WriteStringOrNull(json, "path", finding.KeyPath);
                WriteStringOrNull(json, "hash", finding.MessageHash);
                json.WriteEndObject();
            }

            text.Append(Encoding.UTF8.GetString(buffer.WrittenSpan)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Writes the file whole or not at all, with "\n" line ends on every platform.</summary>
    public void Save(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + "." + Environment.ProcessId + ".tmp";
        File.WriteAllText(temporary, Serialize(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temporary, full, overwrite: true);
    }

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
