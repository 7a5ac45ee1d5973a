using System.Text.RegularExpressions;

namespace ManifestLint.Core.Model;

/// <summary>
/// Values that are placeholders for a tool to fill in before the manifest is applied (envsubst's <c>${NAME}</c>,
/// sed-style <c>{{name}}</c>, a bare <c>$NAME</c>). Their real value is unknown, so a reference through one can be
/// neither confirmed nor reported.
/// </summary>
public static partial class TemplatePlaceholders
{
    public static bool IsPlaceholder(string? value) => value is not null && Placeholder().IsMatch(value);

    [GeneratedRegex(@"\$\{[^}]*\}|\{\{[^}]*\}\}|^\$[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Placeholder();
}
