using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace ManifestLint.TestSupport.JsonSchema;

/// <summary>Compiles each ECMA 262 pattern once (via <see cref="EcmaPattern"/>) and searches unanchored, as JSON Schema requires.</summary>
internal sealed class PatternCache
{
    // A pathological pattern must fail a test run, not hang it.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Regex> _regexes = new(StringComparer.Ordinal);

    public bool IsMatch(string pattern, string value)
    {
        var regex = _regexes.GetOrAdd(pattern, Compile);
        try
        {
            return regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException ex)
        {
            throw new JsonSchemaException($"Pattern '{pattern}' timed out on a {value.Length}-character string.", ex);
        }
    }

    private static Regex Compile(string pattern)
    {
        try
        {
            return new Regex(EcmaPattern.ToDotNet(pattern), RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException ex)
        {
            throw new JsonSchemaException($"Pattern '{pattern}' is not a supported regular expression: {ex.Message}", ex);
        }
    }
}
