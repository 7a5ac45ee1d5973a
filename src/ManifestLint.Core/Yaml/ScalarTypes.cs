using System.Globalization;

namespace ManifestLint.Core.Yaml;

/// <summary>The JSON type a YAML scalar becomes when Kubernetes decodes it (YAML 1.2 core schema, as sigs.k8s.io/yaml reads it).</summary>
[Flags]
public enum JsonKind : byte
{
    None = 0,
    Null = 1,
    Boolean = 2,
    Integer = 4,
    Number = 8,
    String = 16,
    Object = 32,
    Array = 64,
}

/// <summary>
/// One home for "what type is this scalar": quoted and block scalars are strings; a plain scalar is null, a boolean, an
/// integer or a number when its text says so, else a string; an explicit tag (<c>!!str</c>, <c>!!int</c>) decides.
/// Schema validation and the JSON view of a manifest (tests' reference validator) both read scalars through here.
/// </summary>
public static class ScalarTypes
{
    public static JsonKind KindOf(ScalarNode scalar) => scalar.Tag is { } tag ? KindOfTag(tag, scalar.Value) ?? KindOf(scalar.Value, scalar.Style) : KindOf(scalar.Value, scalar.Style);

    public static JsonKind KindOf(string text, ScalarStyle style) => style == ScalarStyle.Plain ? KindOfPlain(text) : JsonKind.String;

    /// <summary>The kind of a plain, untagged scalar's text.</summary>
    public static JsonKind KindOfPlain(string text)
    {
        if (ScalarNode.IsNullText(text))
        {
            return JsonKind.Null;
        }

        if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return JsonKind.Boolean;
        }

        if (text.Length == 0 || !(char.IsAsciiDigit(text[0]) || text[0] is '-' or '+' or '.'))
        {
            return JsonKind.String; // most scalars: a name, an image, a path
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) || IsBigInteger(text))
        {
            return JsonKind.Integer;
        }

        if (text is ".inf" or "-.inf" or "+.inf" or ".nan" || IsDecimal(text))
        {
            return JsonKind.Number;
        }

        return JsonKind.String;
    }

    /// <summary>A plain scalar's number, when it is one (the JSON view of a manifest).</summary>
    public static bool TryParseNumber(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);

    private static JsonKind? KindOfTag(string tag, string text) => tag switch
    {
        "tag:yaml.org,2002:str" or "!!str" => JsonKind.String,
        "tag:yaml.org,2002:int" or "!!int" => JsonKind.Integer,
        "tag:yaml.org,2002:float" or "!!float" => JsonKind.Number,
        "tag:yaml.org,2002:bool" or "!!bool" => JsonKind.Boolean,
        "tag:yaml.org,2002:null" or "!!null" => JsonKind.Null,
        _ => null,
    };

    private static bool IsBigInteger(string text)
    {
        var digits = text.AsSpan(text[0] is '-' or '+' ? 1 : 0);
        return digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?, the YAML 1.2 core schema's float.</summary>
    private static bool IsDecimal(string text)
    {
        var i = text[0] is '-' or '+' ? 1 : 0;
        var digits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            (i, digits) = (i + 1, digits + 1);
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                (i, digits) = (i + 1, digits + 1);
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '-' or '+')
            {
                i++;
            }

            var exponent = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                (i, exponent) = (i + 1, exponent + 1);
            }

            return exponent > 0 && i == text.Length;
        }

        return i == text.Length;
    }
}
