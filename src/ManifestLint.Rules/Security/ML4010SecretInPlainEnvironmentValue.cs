using ManifestLint.Core.Engine;
using ManifestLint.Rules.SingleObject;

namespace ManifestLint.Rules.Security;

/// <summary>ML4010: a credential written as a literal environment value in the manifest. See rules/ML4010.md.</summary>
public sealed class ML4010SecretInPlainEnvironmentValue() : ContainerRule(Rule, ContainerScope.All)
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.SecretInPlainEnvironmentValue,
        "Secret written as a plain environment value",
        "Environment variable '{0}' of {1} holds a literal value that looks like a credential: it is stored in the repository, in the object for anyone who can read {2}s, and in every copy of the manifest",
        RuleCategories.Security,
        Severity.Warning,
        Description: "A value under env[].value is part of the manifest: it is in version control history, in CI logs, in kubectl get -o yaml for everyone with read access to the workload, and cannot be rotated without a redeploy. Secrets belong in a Secret (or an external secret store) referenced with valueFrom.secretKeyRef.",
        HelpText: "Move the value to a Secret and reference it: valueFrom: {secretKeyRef: {name: …, key: …}}; then rotate the credential, since it has been committed.",
        SecuritySeverity: "7.5");

    /// <summary>The template's parameters: the last words of a variable name that holds a credential.</summary>
    private static readonly string[][] SecretNameEndings =
    [
        ["PASSWORD"], ["PASSWD"], ["SECRET"], ["TOKEN"], ["APIKEY"], ["CREDENTIALS"],
        ["API", "KEY"], ["PRIVATE", "KEY"], ["ACCESS", "KEY"], ["SECRET", "KEY"], ["ENCRYPTION", "KEY"], ["SIGNING", "KEY"],
    ];

    /// <summary>Values that configure a secret rather than being one (ALLOW_EMPTY_PASSWORD=yes, a file path).</summary>
    private static readonly HashSet<string> SwitchValues = new(StringComparer.OrdinalIgnoreCase) { "true", "false", "yes", "no", "on", "off", "0", "1", "none", "null", "empty" };

    private static readonly string[] PlaceholderMarkers = ["${", "$(", "{{", "<", "%(", "#{"];

    protected override IEnumerable<Finding> Inspect(WorkloadContainer container)
    {
        foreach (var entry in container.Node.SequenceAt("env")?.Mappings() ?? [])
        {
            if (entry.StringAt("name") is not { } name || entry.ScalarAt("value") is not { IsNull: false } value || !LooksSecret(name) || !LooksLiteral(value.Value))
            {
                continue;
            }

            yield return Finding.At(value, name, container.Description, container.Pod.OwnerKind);
        }
    }

    private static bool LooksSecret(string name)
    {
        var words = name.ToUpperInvariant().Split(['_', '-', '.'], StringSplitOptions.RemoveEmptyEntries);
        return SecretNameEndings.Any(ending => words.Length >= ending.Length && words[^ending.Length..].SequenceEqual(ending));
    }

    private static bool LooksLiteral(string value)
    {
        var text = value.Trim();
        return text.Length > 0 && !SwitchValues.Contains(text) && !text.StartsWith('/') &&
            !PlaceholderMarkers.Any(m => text.Contains(m, StringComparison.Ordinal));
    }
}
