using System.Text.Json;
using ManifestLint.Core.Engine;

namespace ManifestLint.Core.Output;

/// <summary>
/// A small, stable JSON shape for scripts (documented in README, "Output formats"). Every key is always
/// present (null when it does not apply), so consumers need no existence checks. <see cref="FormatVersion"/>
/// changes only when a key is removed or changes meaning; new keys may appear within a version.
/// </summary>
public sealed class JsonOutputWriter : IOutputWriter
{
    public const int FormatVersion = 1;

    public void Write(AnalysisResult result, TextWriter output, OutputContext context)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(context);

        var paths = new ArtifactPaths(result, context);
        var diagnostics = result.Diagnostics.Where(d => d.Severity != Severity.Hidden).ToList();
        var active = diagnostics.Where(d => !d.IsSuppressed && !d.IsBaselined).ToList();
        var bytes = JsonText.Build(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("version", FormatVersion);
            json.WriteStartObject("tool");
            json.WriteString("name", context.ToolName);
            json.WriteString("version", context.ToolVersion);
            json.WriteEndObject();

            json.WriteStartObject("summary");
            json.WriteNumber("files", result.Statistics.Files);
            json.WriteNumber("resources", result.Statistics.Resources);
            json.WriteNumber("errors", active.Count(d => d.Severity == Severity.Error));
            json.WriteNumber("warnings", active.Count(d => d.Severity == Severity.Warning));
            json.WriteNumber("infos", active.Count(d => d.Severity == Severity.Info));
            json.WriteNumber("suppressed", diagnostics.Count(d => d.IsSuppressed));
            json.WriteNumber("baselined", result.Baseline?.Unchanged ?? 0);
            json.WriteNumber("gone", result.Baseline?.Gone.Count ?? 0);
            json.WriteEndObject();

            json.WriteStartArray("diagnostics");
            foreach (var diagnostic in diagnostics)
            {
                WriteDiagnostic(json, diagnostic, paths);
            }

            json.WriteEndArray();

            // Baselined findings that no longer occur: the file can shrink by exactly these.
            json.WriteStartArray("gone");
            foreach (var gone in result.Baseline?.Gone ?? [])
            {
                json.WriteStartObject();
                json.WriteString("file", gone.File);
                json.WriteString("rule", gone.Rule);
                json.WriteStringOrNull("object", gone.Object);
                json.WriteStringOrNull("path", gone.KeyPath);
                json.WriteStringOrNull("hash", gone.MessageHash);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
        JsonText.WriteTo(output, bytes);
    }

    private static void WriteDiagnostic(Utf8JsonWriter json, Diagnostic diagnostic, ArtifactPaths paths)
    {
        var rule = diagnostic.Rule;
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteString("title", rule.Title);
        json.WriteString("category", rule.Category);
        json.WriteString("severity", diagnostic.Severity.ToDisplayString());
        json.WriteString("message", diagnostic.Message);
        json.WriteStringOrNull("help", diagnostic.Help ?? rule.HelpText);
        json.WriteStringOrNull("helpUri", rule.HelpUri);
        json.WritePropertyName("location");
        WriteLocation(json, diagnostic.Location, paths);

        if (diagnostic.Resource is { } resource)
        {
            json.WriteStartObject("resource");
            json.WriteString("kind", resource.Kind);
            json.WriteStringOrNull("namespace", resource.Namespace);
            json.WriteString("name", resource.Name);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("resource");
        }

        json.WriteStartArray("related");
        foreach (var related in diagnostic.RelatedLocations)
        {
            json.WriteStartObject();
            json.WriteString("message", related.Message);
            json.WritePropertyName("location");
            WriteLocation(json, related.Location, paths);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStringOrNull("baselineState", diagnostic.Baseline switch
        {
            Baseline.BaselineState.New => "new",
            Baseline.BaselineState.Unchanged => "unchanged",
            _ => null,
        });

        if (diagnostic.Suppression is { } suppression)
        {
            json.WriteStartObject("suppression");
            json.WriteString("kind", suppression.Kind);
            json.WriteStringOrNull("justification", suppression.Justification);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("suppression");
        }

        json.WriteEndObject();
    }

    private static void WriteLocation(Utf8JsonWriter json, Location location, ArtifactPaths paths)
    {
        if (location.Path.Length == 0)
        {
            json.WriteNullValue();
            return;
        }

        json.WriteStartObject();
        json.WriteString("path", paths.Display(location.Path));
        json.WriteNumber("startLine", location.Span.Start.Line);
        json.WriteNumber("startColumn", location.Span.Start.Column);
        json.WriteNumber("endLine", location.Span.End.Line);
        json.WriteNumber("endColumn", location.Span.End.Column);
        json.WriteStringOrNull("helmTemplate", location.HelmSource);
        json.WriteEndObject();
    }
}
