using System.Text;

namespace ManifestLint.TestSupport.JsonSchema;

/// <summary>
/// Rewrites the ECMA 262 constructs whose meaning differs in .NET. Deliberately small: it covers
/// \d \w \s (ASCII / ECMA whitespace), $ (end of input only), . (not line terminators), long \p{...} names
/// and literal astral characters under quantifiers; everything else is passed through unchanged.
/// Negated shorthands inside a character class (e.g. [\D]) keep their .NET (Unicode) meaning.
/// </summary>
internal static class EcmaPattern
{
    private const string EcmaWhitespace = @"\s\uFEFF";

    private static readonly Dictionary<string, string> OutsideClass = new(StringComparer.Ordinal)
    {
        ["d"] = "[0-9]",
        ["D"] = "[^0-9]",
        ["w"] = "[a-zA-Z0-9_]",
        ["W"] = "[^a-zA-Z0-9_]",
        // .NET's \s includes U+0085 and lacks U+FEFF; ECMA's is the other way round.
        ["s"] = $@"[{EcmaWhitespace}-[\x85]]",
        ["S"] = @"[\S\x85-[\uFEFF]]",
    };

    private static readonly Dictionary<string, string> InsideClass = new(StringComparer.Ordinal)
    {
        ["d"] = "0-9",
        ["w"] = "a-zA-Z0-9_",
        ["s"] = EcmaWhitespace,
    };

    private static readonly Dictionary<string, string> PropertyAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Letter"] = "L",
        ["Uppercase_Letter"] = "Lu",
        ["Lowercase_Letter"] = "Ll",
        ["Titlecase_Letter"] = "Lt",
        ["Modifier_Letter"] = "Lm",
        ["Other_Letter"] = "Lo",
        ["Mark"] = "M",
        ["Number"] = "N",
        ["Decimal_Number"] = "Nd",
        ["digit"] = "Nd",
        ["Letter_Number"] = "Nl",
        ["Other_Number"] = "No",
        ["Punctuation"] = "P",
        ["punct"] = "P",
        ["Symbol"] = "S",
        ["Separator"] = "Z",
        ["Space_Separator"] = "Zs",
        ["Other"] = "C",
        ["Control"] = "Cc",
        ["Format"] = "Cf",
    };

    public static string ToDotNet(string pattern)
    {
        var output = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                i = AppendEscape(pattern, i, inClass, output);
            }
            else if (inClass)
            {
                inClass = c != ']';
                output.Append(c);
            }
            else
            {
                i = AppendOutsideClass(pattern, i, output, ref inClass);
            }
        }

        return output.ToString();
    }

    private static int AppendOutsideClass(string pattern, int i, StringBuilder output, ref bool inClass)
    {
        var c = pattern[i];
        switch (c)
        {
            case '[' when pattern.AsSpan(i).StartsWith("[]"):
                output.Append("(?!)");
                return i + 1;
            case '[' when pattern.AsSpan(i).StartsWith("[^]"):
                output.Append(@"[\s\S]");
                return i + 2;
            case '[':
                inClass = true;
                output.Append(c);

                // A ']' right after '[' or '[^' is literal in .NET but closes the class in ECMA; both cases are handled above.
                return i;
            case '$':
                output.Append(@"\z");
                return i;
            case '.':
                output.Append(@"[^\n\r\u2028\u2029]");
                return i;
            case var high when char.IsHighSurrogate(high) && i + 1 < pattern.Length && char.IsLowSurrogate(pattern[i + 1]):
                // Group the pair so a following quantifier repeats the whole code point, as ECMA's u-mode does.
                output.Append("(?:").Append(high).Append(pattern[i + 1]).Append(')');
                return i + 1;
            default:
                output.Append(c);
                return i;
        }
    }

    private static int AppendEscape(string pattern, int i, bool inClass, StringBuilder output)
    {
        var letter = pattern[i + 1].ToString();
        var table = inClass ? InsideClass : OutsideClass;
        if (table.TryGetValue(letter, out var replacement))
        {
            output.Append(replacement);
            return i + 1;
        }

        if (letter is "p" or "P" && i + 2 < pattern.Length && pattern[i + 2] == '{')
        {
            var close = pattern.IndexOf('}', i + 3);
            if (close > 0)
            {
                var name = pattern[(i + 3)..close];
                output.Append('\\').Append(letter).Append('{').Append(PropertyAliases.GetValueOrDefault(name, name)).Append('}');
                return close;
            }
        }

        output.Append('\\').Append(letter);
        return i + 1;
    }
}
