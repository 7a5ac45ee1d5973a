using ManifestLint.Core.Engine;
using ManifestLint.Core.Schema;

namespace ManifestLint.Rules.Schema;

/// <summary>ML2010: a value outside the format its field states (Secret data that is not base64, replicas beyond int32). See rules/ML2010.md.</summary>
public sealed class ML2010ValueNotInFormat : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.ValueNotInFormat,
        "Value is not in the required format",
        "{0} must be {1} (format {2}), not '{3}'",
        RuleCategories.Schema,
        Severity.Error,
        Description: "Some fields take a string or number of a stated format: base64 for Secret data and caBundles, an RFC 3339 time, an integer that fits 32 or 64 bits, and for custom resources whatever format their CRD states (uuid, ipv4, cidr, date-time…). The API server rejects the object when the value cannot be decoded or the format does not hold.",
        HelpText: "Write the value in the stated format: encode Secret data with `base64 -w0` (or put plain text under `stringData`), write times as 2024-01-31T08:00:00Z, keep numbers within their range.");

    // A certificate or key in a Secret runs to kilobytes: the message shows its start.
    private const int ShownLength = 40;

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => SchemaFindings.OnViolations(context, SchemaViolationKind.FormatMismatch, Analyze);

    private static void Analyze(ResourceAnalysisContext context)
    {
        foreach (var violation in SchemaFindings.Of(context.Resource, SchemaViolationKind.FormatMismatch))
        {
            var format = violation.Expected.Count > 0 ? violation.Expected[0] : "";
            context.Report(Rule, context.Resource, SchemaFindings.LocationOf(context.Resource, violation),
                [SchemaFindings.Where(context.Resource, violation.Path), KubernetesFormats.Describe(format), format, Shown(violation.Actual)], help: HelpFor(format));
        }
    }

    // The help for the format at hand: advice on base64 does nothing for a replica count past int32.
    private static string HelpFor(string format) => format switch
    {
        "byte" => "encode the value with `base64 -w0` (for a Secret, plain text can go under `stringData` instead)",
        "date-time" or "datetime" => "write the time in RFC 3339, such as 2024-01-31T08:00:00Z",
        "int32" or "int64" or "int-or-string" => $"use {KubernetesFormats.Describe(format)}",
        "double" => "use a finite number",
        _ => $"write the value as {KubernetesFormats.Describe(format)}",
    };

    private static string Shown(string? value)
    {
        var text = value ?? "";
        return (text.Length <= ShownLength ? text : text[..ShownLength] + "…").ReplaceLineEndings(" ");
    }
}
