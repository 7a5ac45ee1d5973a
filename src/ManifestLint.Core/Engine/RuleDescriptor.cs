using System.Text.RegularExpressions;

namespace ManifestLint.Core.Engine;

/// <summary>
/// What a rule reports, in Roslyn's DiagnosticDescriptor shape. The help link is derived from the ID and
/// is never typed by hand, so it cannot drift from the docs page <c>rules/&lt;ID&gt;.md</c>.
/// </summary>
public sealed partial record RuleDescriptor(
    string Id,
    string Title,
    string MessageFormat,
    string Category,
    Severity DefaultSeverity,
    bool EnabledByDefault = true,
    string? Description = null,
    string? HelpText = null,
    bool IsCrossResource = false,
    string Precision = "high",
    string? SecuritySeverity = null)
{
    public const string HelpUriBase = "https://github.com/manifestlint/manifestlint/blob/main/rules/";

    public string HelpUri => HelpUriBase + Id + ".md";

    /// <summary>Class-like name for SARIF's reportingDescriptor.name: the title in PascalCase.</summary>
    public string Name => string.Concat(WordPattern().Matches(Title).Select(m => char.ToUpperInvariant(m.Value[0]) + m.Value[1..]));

    public static bool IsValidId(string id) => IdPattern().IsMatch(id);

    public string FormatMessage(params object?[] args) =>
        args.Length == 0 ? MessageFormat : string.Format(System.Globalization.CultureInfo.InvariantCulture, MessageFormat, args);

    [GeneratedRegex("^ML[0-9]{4}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("[A-Za-z0-9]+")]
    private static partial Regex WordPattern();
}

public static class RuleCategories
{
    public const string Services = "Services";
    public const string Ingress = "Ingress";
    public const string NetworkPolicy = "NetworkPolicy";
    public const string Configuration = "Configuration";
    public const string Workloads = "Workloads";
    public const string Scaling = "Scaling";
    public const string Rbac = "RBAC";
    public const string Units = "Units";
    public const string Schema = "Schema";
    public const string Input = "Input";
    public const string Engine = "Engine";
}
