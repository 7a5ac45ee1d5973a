using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ManifestLint.Core.Baseline;

/// <summary>Whether a finding was recorded in the baseline the run was compared with.</summary>
public enum BaselineState
{
    /// <summary>Not in the baseline: it counts (exit code, --fail-level, build errors).</summary>
    New,

    /// <summary>Recorded in the baseline: reported, but it does not count.</summary>
    Unchanged,
}

/// <summary>
/// What a finding is, independent of where it happens to be written today: the rule, the object (kind, namespace,
/// name), the logical path of the offending key (<c>spec.template.spec.containers[name=api].image</c>), and, only
/// when two findings would otherwise look the same, a short hash of the message. Line numbers are deliberately
/// absent, so edits above a finding and reformatting do not make it new. <see cref="File"/> is kept to tell apart an
/// object defined in two places (two overlays of one base), and is the first thing a reader of the file sees; a
/// finding whose file moved still matches its entry by the rest.
/// </summary>
public sealed partial record FindingIdentity(string File, string Rule, string? Object, string? KeyPath, string? MessageHash)
{
    public static IComparer<FindingIdentity> Order { get; } = Comparer<FindingIdentity>.Create((x, y) =>
    {
        var order = string.CompareOrdinal(x.File, y.File);
        if (order == 0) order = string.CompareOrdinal(x.Rule, y.Rule);
        if (order == 0) order = string.CompareOrdinal(x.Object, y.Object);
        if (order == 0) order = string.CompareOrdinal(x.KeyPath, y.KeyPath);
        if (order == 0) order = string.CompareOrdinal(x.MessageHash, y.MessageHash);
        return order;
    });

    /// <summary>How a reader recognises the finding: <c>ML1001 Service/ml/api spec.selector (k8s/service.yaml)</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Rule);
        if (Object is not null)
        {
            text.Append(' ').Append(Object);
        }

        if (!string.IsNullOrEmpty(KeyPath))
        {
            text.Append(' ').Append(KeyPath);
        }

        if (File.Length > 0)
        {
            text.Append(" (").Append(File).Append(')');
        }

        return text.ToString();
    }

    /// <summary>
    /// Eight hex digits of SHA-256 over the message without the parts that move when the file is edited: places
    /// such as <c>deploy.yaml:14</c> and <c>line 14</c>.
    /// </summary>
    public static string HashOf(string message)
    {
        var stable = MovingParts().Replace(message, "#");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stable)))[..8];
    }

    [GeneratedRegex(@"(?<=\.(ya?ml|json)):\d+(:\d+)?|\b[Ll]ines? \d+(:\d+)?|\bcolumn \d+")]
    private static partial Regex MovingParts();
}
