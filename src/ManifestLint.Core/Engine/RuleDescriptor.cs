using System.Text.RegularExpressions;

namespace ManifestLint.Core.Engine;

/// <summary>
/// What a rule reports, in Roslyn's DiagnosticDescriptor shape. A built-in rule's help link is derived from the ID and
/// is never typed by hand, so it cannot drift from the docs page <c>rules/&lt;ID&gt;.md</c>; a custom rule (declared in
/// <c>.manifestlint.yaml</c>) has the link its author gave, or none.
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
    string? SecuritySeverity = null,
    bool IsCustom = false,
    string? CustomHelpUri = null)
{
    public const string HelpUriBase = "https://github.com/manifestlint/manifestlint/blob/main/rules/";

    /// <summary>The rule's page; null for a custom rule whose author gave none (SARIF's helpUri is optional).</summary>
    public string? HelpUri => IsCustom ? CustomHelpUri : HelpUriBase + Id + ".md";

    /// <summary>Class-like name for SARIF's reportingDescriptor.name: the title in PascalCase.</summary>
    public string Name => string.Concat(WordPattern().Matches(Title).Select(m => char.ToUpperInvariant(m.Value[0]) + m.Value[1..]));

    /// <summary>A built-in rule's ID: ML and four digits. The ML prefix is reserved for built-in rules.</summary>
    public static bool IsValidId(string id) => IdPattern().IsMatch(id);

    /// <summary>
    /// A custom rule's ID: the team's prefix (a capital letter, then 1 to 9 capitals or digits) and 3 or 4 digits, as
    /// <c>ACME001</c> or <c>SEC1001</c>; never <c>ML…</c>, so a custom rule can never take a built-in rule's ID, today's or a future one's.
    /// </summary>
    public static bool IsValidCustomId(string id) => CustomIdPattern().IsMatch(id) && !id.StartsWith(ReservedPrefix, StringComparison.Ordinal);

    public const string ReservedPrefix = "ML";

    public string FormatMessage(params object?[] args) =>
        args.Length == 0 ? MessageFormat : string.Format(System.Globalization.CultureInfo.InvariantCulture, MessageFormat, args);

    [GeneratedRegex("^ML[0-9]{4}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Z][A-Z0-9]{1,9}[0-9]{3,4}$")]
    private static partial Regex CustomIdPattern();

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
    public const string Reliability = "Reliability";
    public const string Security = "Security";
    public const string Input = "Input";
    public const string Engine = "Engine";

    /// <summary>The category of a custom rule that does not name one.</summary>
    public const string Custom = "Custom";
}
