using System.Globalization;

namespace ManifestLint.Core.Schema;

/// <summary>
/// The <c>format</c>s ManifestLint checks, each as the API server judges it. Built-in kinds carry the formats of the
/// Kubernetes OpenAPI documents, which the server enforces by decoding into Go types; a CRD's formats are enforced by
/// kube-openapi's format registry for the names apiextensions-apiserver supports (others are stripped, so ignored). The two
/// differ for dates, so they are separate entries.
/// </summary>
public enum KubernetesFormat
{
    None,

    /// <summary>Base64 as Go's encoding/json decodes a []byte (Secret data, caBundle; CRD byte).</summary>
    Byte,

    /// <summary>A metav1.Time: Go's time.Parse with the RFC 3339 layout.</summary>
    DateTime,

    Int32,
    Int64,
    Double,

    /// <summary>An IntOrString: a string, or an integer that fits an int32.</summary>
    IntOrString,

    /// <summary>A CRD's <c>date</c>: kube-openapi's full-date.</summary>
    CrdDate,

    /// <summary>A CRD's <c>date-time</c> (<c>datetime</c>): kube-openapi's IsDateTime.</summary>
    CrdDateTime,

    Uuid,
    Uuid3,
    Uuid4,
    Uuid5,

    /// <summary>k8s.io/utils/net ParseIPSloppy (leading zeros allowed) and a dot.</summary>
    Ipv4,

    Ipv6,
    Cidr,
    Mac,
}

/// <summary>
/// The format checks, shared by the built-in walk and by the JsonSchema.Net registrations (<see cref="KubernetesFormatRegistry"/>),
/// so both judge alike. Each parses a span and allocates nothing: the walk runs them on every formatted value of every object.
/// Where the exact upstream check could not be confirmed, the check here accepts more than upstream does, never less: a
/// value reported is a value the API server rejects.
/// </summary>
public static class KubernetesFormats
{
    /// <summary>The format a built-in schema states (the generator writes these names), or None.</summary>
    public static KubernetesFormat FromBuiltIn(string? name) => name switch
    {
        "byte" => KubernetesFormat.Byte,
        "date-time" => KubernetesFormat.DateTime,
        "int32" => KubernetesFormat.Int32,
        "int64" => KubernetesFormat.Int64,
        "double" => KubernetesFormat.Double,
        "int-or-string" => KubernetesFormat.IntOrString,
        _ => KubernetesFormat.None,
    };

    /// <summary>
    /// The check for a CRD's format, or None. apiextensions-apiserver strips every format outside its supported list
    /// (comparing with '-' removed, as go-openapi names formats), so int32, int64, float and double are never checked on
    /// custom resources. Of the supported ones, uri, email, hostname, duration, bsonobjectid, isbn, isbn10, isbn13,
    /// creditcard, ssn, hexcolor and rgbcolor are left out (their exact checks could not be matched), and password accepts anything.
    /// </summary>
    public static KubernetesFormat FromCrd(string? format) => format?.Replace("-", "", StringComparison.Ordinal) switch
    {
        "byte" => KubernetesFormat.Byte,
        "date" => KubernetesFormat.CrdDate,
        "datetime" => KubernetesFormat.CrdDateTime,
        "uuid" => KubernetesFormat.Uuid,
        "uuid3" => KubernetesFormat.Uuid3,
        "uuid4" => KubernetesFormat.Uuid4,
        "uuid5" => KubernetesFormat.Uuid5,
        "ipv4" => KubernetesFormat.Ipv4,
        "ipv6" => KubernetesFormat.Ipv6,
        "cidr" => KubernetesFormat.Cidr,
        "mac" => KubernetesFormat.Mac,
        _ => KubernetesFormat.None,
    };

    /// <summary>The name a schema document gives the format: the JsonSchema.Net registry key, and the name in messages.</summary>
    public static string Name(KubernetesFormat format) => format switch
    {
        KubernetesFormat.Byte => "byte",
        KubernetesFormat.DateTime => "date-time",
        KubernetesFormat.Int32 => "int32",
        KubernetesFormat.Int64 => "int64",
        KubernetesFormat.Double => "double",
        KubernetesFormat.IntOrString => "int-or-string",
        KubernetesFormat.CrdDate => "date",
        KubernetesFormat.CrdDateTime => "datetime",
        KubernetesFormat.Uuid => "uuid",
        KubernetesFormat.Uuid3 => "uuid3",
        KubernetesFormat.Uuid4 => "uuid4",
        KubernetesFormat.Uuid5 => "uuid5",
        KubernetesFormat.Ipv4 => "ipv4",
        KubernetesFormat.Ipv6 => "ipv6",
        KubernetesFormat.Cidr => "cidr",
        KubernetesFormat.Mac => "mac",
        _ => "",
    };

    /// <summary>Every format with a check, for registering them all.</summary>
    public static IEnumerable<KubernetesFormat> All => Enum.GetValues<KubernetesFormat>().Where(f => f != KubernetesFormat.None);

    /// <summary>What a value of the format looks like, for messages.</summary>
    public static string Describe(string name) => name switch
    {
        "byte" => "base64 (standard alphabet, padded with '=')",
        "date-time" => "an RFC 3339 date-time such as 2024-01-31T08:00:00Z",
        "int32" => "an integer from -2147483648 to 2147483647",
        "int64" => "an integer from -9223372036854775808 to 9223372036854775807",
        "double" => "a finite number",
        "int-or-string" => "a name or an integer from -2147483648 to 2147483647",
        "date" => "a date such as 2024-01-31",
        "datetime" => "an RFC 3339 date-time such as 2024-01-31T08:00:00Z",
        "uuid" or "uuid3" or "uuid4" or "uuid5" => $"a {name.ToUpperInvariant()} such as 123e4567-e89b-42d3-a456-426614174000",
        "ipv4" => "an IPv4 address",
        "ipv6" => "an IPv6 address",
        "cidr" => "an IP range such as 10.0.0.0/16",
        "mac" => "a MAC address such as 00:1a:2b:3c:4d:5e",
        _ => name,
    };

    /// <summary>Whether a string value has the format; a format about numbers accepts every string (the type decides those).</summary>
    public static bool IsValidString(KubernetesFormat format, ReadOnlySpan<char> text) => format switch
    {
        KubernetesFormat.Byte => IsBase64(text),
        KubernetesFormat.DateTime => IsGoRfc3339(text),
        KubernetesFormat.CrdDate => text.IsEmpty || IsLenientDate(text),
        KubernetesFormat.CrdDateTime => text.IsEmpty || IsCrdDateTime(text),
        KubernetesFormat.Uuid or KubernetesFormat.Uuid3 or KubernetesFormat.Uuid4 or KubernetesFormat.Uuid5 => text.IsEmpty || IsUuid(text, format),
        KubernetesFormat.Ipv4 => text.IsEmpty || (text.Contains('.') && IsSloppyIp(text)),
        KubernetesFormat.Ipv6 => text.IsEmpty || IsSloppyIp(text),
        KubernetesFormat.Cidr => text.IsEmpty || IsSloppyCidr(text),
        KubernetesFormat.Mac => text.IsEmpty || IsMac(text),
        _ => true,
    };

    /// <summary>
    /// Whether a number (its YAML or JSON text) fits the format. Only the range is judged: a fraction in an integer field is
    /// the type's mistake. Text that is no number .NET reads (.inf) is left to the type check.
    /// </summary>
    public static bool IsValidNumber(KubernetesFormat format, ReadOnlySpan<char> text)
    {
        const NumberStyles Styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        if (format is not (KubernetesFormat.Int32 or KubernetesFormat.Int64 or KubernetesFormat.IntOrString or KubernetesFormat.Double))
        {
            return true;
        }

        if (decimal.TryParse(text, Styles, CultureInfo.InvariantCulture, out var value))
        {
            return format switch
            {
                KubernetesFormat.Int32 or KubernetesFormat.IntOrString => value is >= int.MinValue and <= int.MaxValue,
                KubernetesFormat.Int64 => value is >= long.MinValue and <= long.MaxValue,
                _ => true, // every decimal is a finite double
            };
        }

        // Beyond decimal's range (about 7.9e28): outside every integer format; a double only past about 1.8e308.
        return double.TryParse(text, Styles, CultureInfo.InvariantCulture, out var approximate)
            ? format == KubernetesFormat.Double && double.IsFinite(approximate)
            : true;
    }

    /// <summary>
    /// Go's base64.StdEncoding.DecodeString, which encoding/json uses for a []byte: the standard alphabet, '=' padding to a
    /// multiple of four, and '\r' and '\n' skipped anywhere (so a block scalar with line breaks decodes). Nothing may follow the padding.
    /// </summary>
    public static bool IsBase64(ReadOnlySpan<char> text)
    {
        var inQuantum = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\r' or '\n')
            {
                continue;
            }

            if (c == '=')
            {
                if (inQuantum < 2)
                {
                    return false;
                }

                if (inQuantum == 2)
                {
                    i = SkipNewlines(text, i + 1);
                    if (i >= text.Length || text[i] != '=')
                    {
                        return false;
                    }
                }

                return SkipNewlines(text, i + 1) == text.Length;
            }

            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/'))
            {
                return false;
            }

            inQuantum = (inQuantum + 1) % 4;
        }

        return inQuantum == 0;
    }

    private static int SkipNewlines(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && text[i] is '\r' or '\n')
        {
            i++;
        }

        return i;
    }

    /// <summary>
    /// Go's time.Parse(time.RFC3339, …), as metav1.Time decodes: a four-digit year, two-digit month and day (the day must
    /// exist), 'T', an hour of one or two digits below 24, two-digit minutes and seconds below 60, an optional fraction after
    /// '.' or ',', and 'Z' or a ±hh:mm offset. Go checks the offset's range only in newer releases; it is not checked here.
    /// </summary>
    public static bool IsGoRfc3339(ReadOnlySpan<char> text)
    {
        if (!TryDate(text, out var rest, strictDays: true) || rest.IsEmpty || rest[0] != 'T')
        {
            return false;
        }

        rest = rest[1..];
        var hourDigits = rest.Length > 1 && char.IsAsciiDigit(rest[1]) ? 2 : 1;
        if (!TryDigits(rest, hourDigits, out var hour) || hour >= 24)
        {
            return false;
        }

        rest = rest[hourDigits..];
        if (rest.Length < 6 || rest[0] != ':' || !TryDigits(rest[1..], 2, out var minute) || minute >= 60
            || rest[3] != ':' || !TryDigits(rest[4..], 2, out var second) || second >= 60)
        {
            return false;
        }

        rest = rest[6..];
        if (rest.Length >= 2 && rest[0] is '.' or ',' && char.IsAsciiDigit(rest[1]))
        {
            var n = 2;
            while (n < rest.Length && char.IsAsciiDigit(rest[n]))
            {
                n++;
            }

            rest = rest[n..];
        }

        if (rest is ['Z'])
        {
            return true;
        }

        return IsNumericOffset(rest);
    }

    /// <summary>
    /// kube-openapi's date-time for CRDs: the value lower-cased and split at 't'; the part before is a date, the part after
    /// matches hh:mm:ss, an optional fraction (any character, then digits) and 'z' or ±hh:mm, with hours to 23 and minutes and
    /// seconds to 59. Anything after a second 't' is not looked at, as upstream.
    /// </summary>
    private static bool IsCrdDateTime(ReadOnlySpan<char> text)
    {
        var t = text.IndexOfAny('t', 'T');
        if (t < 0 || !IsLenientDate(text[..t]))
        {
            return false;
        }

        var time = text[(t + 1)..];
        var next = time.IndexOfAny('t', 'T');
        time = next < 0 ? time : time[..next];
        if (time.Length < 8 || !TryDigits(time, 2, out var hour) || hour > 23 || time[2] != ':' || !TryDigits(time[3..], 2, out var minute)
            || minute > 59 || time[5] != ':' || !TryDigits(time[6..], 2, out var second) || second > 59)
        {
            return false;
        }

        time = time[8..];
        if (time.Length >= 2 && time[0] != '\n' && char.IsAsciiDigit(time[1]))
        {
            // (.[0-9]+)? — the '.' of the upstream pattern matches any character but a line break.
            var n = 2;
            while (n < time.Length && char.IsAsciiDigit(time[n]))
            {
                n++;
            }

            // Regular-expression backtracking: the optional fraction may also be left unmatched, when what follows it is a zone.
            if (IsCrdZone(time[n..]) || IsCrdZone(time))
            {
                return true;
            }

            return false;
        }

        return IsCrdZone(time);
    }

    private static bool IsCrdZone(ReadOnlySpan<char> zone) => zone is ['z' or 'Z'] || IsNumericOffset(zone);

    /// <summary>A zone written as ±hh:mm (neither check bounds the hours and minutes, as upstream).</summary>
    private static bool IsNumericOffset(ReadOnlySpan<char> zone) =>
        zone.Length == 6 && zone[0] is '+' or '-' && TryDigits(zone[1..], 2, out _) && zone[3] == ':' && TryDigits(zone[4..], 2, out _);

    /// <summary>
    /// yyyy-mm-dd with a month from 01 to 12 and a day from 01 to 31. kube-openapi parses a CRD date with Go's time.Parse,
    /// which also checks the day against the month; older releases did not, so the month's length is not held against a CRD value.
    /// </summary>
    private static bool IsLenientDate(ReadOnlySpan<char> text) => TryDate(text, out var rest, strictDays: false) && rest.IsEmpty;

    private static bool TryDate(ReadOnlySpan<char> text, out ReadOnlySpan<char> rest, bool strictDays)
    {
        rest = default;
        if (text.Length < 10 || !TryDigits(text, 4, out var year) || text[4] != '-' || !TryDigits(text[5..], 2, out var month) || month is < 1 or > 12
            || text[7] != '-' || !TryDigits(text[8..], 2, out var day) || day < 1 || day > (strictDays ? DaysIn(month, year) : 31))
        {
            return false;
        }

        rest = text[10..];
        return true;
    }

    /// <summary>Go's daysIn: the proleptic Gregorian calendar, in which year 0 is a leap year.</summary>
    private static int DaysIn(int month, int year) => month switch
    {
        2 => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    private static bool TryDigits(ReadOnlySpan<char> text, int count, out int value)
    {
        value = 0;
        if (text.Length < count)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }

            value = value * 10 + (text[i] - '0');
        }

        return true;
    }

    /// <summary>kube-openapi's UUID patterns: (?i) hex groups 8-4-4-4-12, each '-' optional, the version digit and variant for uuid3/4/5.</summary>
    private static bool IsUuid(ReadOnlySpan<char> text, KubernetesFormat format)
    {
        var at = 0;
        var version = format switch { KubernetesFormat.Uuid3 => '3', KubernetesFormat.Uuid4 => '4', KubernetesFormat.Uuid5 => '5', _ => '\0' };
        var checksVariant = format is KubernetesFormat.Uuid4 or KubernetesFormat.Uuid5;
        if (!Hex(text, ref at, 8) || !OptionalDash(text, ref at))
        {
            return false;
        }

        if (!Hex(text, ref at, 4) || !OptionalDash(text, ref at))
        {
            return false;
        }

        if (version != '\0' && (at >= text.Length || text[at++] != version))
        {
            return false;
        }

        if (!Hex(text, ref at, version == '\0' ? 4 : 3) || !OptionalDash(text, ref at))
        {
            return false;
        }

        if (checksVariant && (at >= text.Length || text[at++] is not ('8' or '9' or 'a' or 'b' or 'A' or 'B')))
        {
            return false;
        }

        return Hex(text, ref at, checksVariant ? 3 : 4) && OptionalDash(text, ref at) && Hex(text, ref at, 12) && at == text.Length;
    }

    private static bool Hex(ReadOnlySpan<char> text, ref int at, int count)
    {
        if (text.Length - at < count)
        {
            return false;
        }

        for (var end = at + count; at < end; at++)
        {
            if (!char.IsAsciiHexDigit(text[at]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool OptionalDash(ReadOnlySpan<char> text, ref int at)
    {
        if (at < text.Length && text[at] == '-')
        {
            at++;
        }

        return true;
    }

    /// <summary>
    /// k8s.io/utils/net ParseIPSloppy, Go 1.16's net.ParseIP (leading zeros allowed): the first '.' or ':' decides between
    /// IPv4 and IPv6. Newer Go parsers accept a subset of what it accepts, so a value it rejects is rejected by every one.
    /// </summary>
    private static bool IsSloppyIp(ReadOnlySpan<char> text)
    {
        var first = text.IndexOfAny('.', ':');
        return first >= 0 && (text[first] == '.' ? IsSloppyIpv4(text) : IsSloppyIpv6(text));
    }

    /// <summary>Go 1.16's ParseCIDR: an IPv4 or IPv6 address, '/', and a decimal prefix length up to 32 or 128.</summary>
    private static bool IsSloppyCidr(ReadOnlySpan<char> text)
    {
        var slash = text.IndexOf('/');
        if (slash < 0)
        {
            return false;
        }

        var address = text[..slash];
        var mask = text[(slash + 1)..];
        var bits = IsSloppyIpv4(address) ? 32 : IsSloppyIpv6(address) ? 128 : -1;
        var digits = DecimalPrefix(mask, out var length);
        return bits > 0 && digits > 0 && digits == mask.Length && length <= bits;
    }

    private static bool IsSloppyIpv4(ReadOnlySpan<char> text)
    {
        for (var octet = 0; octet < 4; octet++)
        {
            if (octet > 0)
            {
                if (text.IsEmpty || text[0] != '.')
                {
                    return false;
                }

                text = text[1..];
            }

            var digits = DecimalPrefix(text, out var value);
            if (digits == 0 || value > 0xFF)
            {
                return false;
            }

            text = text[digits..];
        }

        return text.IsEmpty;
    }

    /// <summary>Go 1.16's parseIPv6 (without a zone): hex groups up to 0xFFFF, one '::', an IPv4 tail in the last 32 bits.</summary>
    private static bool IsSloppyIpv6(ReadOnlySpan<char> text)
    {
        const int Length = 16;
        var ellipsis = -1;
        if (text.Length >= 2 && text[0] == ':' && text[1] == ':')
        {
            ellipsis = 0;
            text = text[2..];
            if (text.IsEmpty)
            {
                return true;
            }
        }

        var i = 0;
        while (i < Length)
        {
            var digits = HexPrefix(text, out var group);
            if (digits == 0 || group > 0xFFFF)
            {
                return false;
            }

            if (digits < text.Length && text[digits] == '.')
            {
                if ((ellipsis < 0 && i != Length - 4) || i + 4 > Length || !IsSloppyIpv4(text))
                {
                    return false;
                }

                text = default;
                i += 4;
                break;
            }

            i += 2;
            text = text[digits..];
            if (text.IsEmpty)
            {
                break;
            }

            if (text[0] != ':' || text.Length == 1)
            {
                return false;
            }

            text = text[1..];
            if (text[0] == ':')
            {
                if (ellipsis >= 0)
                {
                    return false;
                }

                ellipsis = i;
                text = text[1..];
                if (text.IsEmpty)
                {
                    break;
                }
            }
        }

        if (!text.IsEmpty)
        {
            return false;
        }

        // Too few groups need a '::' to stand for the rest; all sixteen bytes leave '::' nothing to stand for.
        return i < Length ? ellipsis >= 0 : ellipsis < 0;
    }

    /// <summary>Go's net.ParseMAC: 6, 8 or 20 bytes as pairs of hex digits joined by ':' or '-', or groups of four joined by '.'.</summary>
    private static bool IsMac(ReadOnlySpan<char> text)
    {
        if (text.Length < 14)
        {
            return false;
        }

        if (text[2] is ':' or '-')
        {
            if ((text.Length + 1) % 3 != 0 || (text.Length + 1) / 3 is not (6 or 8 or 20))
            {
                return false;
            }

            for (var x = 0; x < text.Length; x += 3)
            {
                if (!HexPair(text[x..], text[2]))
                {
                    return false;
                }
            }

            return true;
        }

        if (text[4] == '.')
        {
            if ((text.Length + 1) % 5 != 0 || 2 * (text.Length + 1) / 5 is not (6 or 8 or 20))
            {
                return false;
            }

            for (var x = 0; x < text.Length; x += 5)
            {
                if (!HexPair(text.Slice(x, 2), '\0') || !HexPair(text[(x + 2)..], text[4]))
                {
                    return false;
                }
            }

            return true;
        }

        return false;
    }

    /// <summary>Go's xtoi2: two hex digits, followed by the separator if anything follows.</summary>
    private static bool HexPair(ReadOnlySpan<char> text, char separator) =>
        text.Length >= 2 && (text.Length == 2 || text[2] == separator) && char.IsAsciiHexDigit(text[0]) && char.IsAsciiHexDigit(text[1]);

    // Go's dtoi and xtoi stop at this bound (0xFFFFFF) and fail.
    private const int Big = 0xFFFFFF;

    /// <summary>Go's dtoi: the count of leading decimal digits (0 when none, or when the value reaches <see cref="Big"/>).</summary>
    private static int DecimalPrefix(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        var i = 0;
        for (; i < text.Length && char.IsAsciiDigit(text[i]); i++)
        {
            value = value * 10 + (text[i] - '0');
            if (value >= Big)
            {
                return 0;
            }
        }

        return i;
    }

    /// <summary>Go's xtoi: the count of leading hex digits (0 when none, or when the value reaches <see cref="Big"/>).</summary>
    private static int HexPrefix(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        var i = 0;
        for (; i < text.Length && char.IsAsciiHexDigit(text[i]); i++)
        {
            value = value * 16 + HexValue(text[i]);
            if (value >= Big)
            {
                return 0;
            }
        }

        return i;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
