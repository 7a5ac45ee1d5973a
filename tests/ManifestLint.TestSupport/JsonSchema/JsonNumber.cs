using System.Numerics;

namespace ManifestLint.TestSupport.JsonSchema;

/// <summary>
/// An exact JSON number: <c>Significand * 10^Exponent</c>, normalised so the significand has no trailing zeros.
/// Exact decimal arithmetic avoids the binary floating-point traps of multipleOf (0.0075 / 0.0001),
/// makes 1 and 1.0 equal, and keeps bignums such as 1e308 or 31-digit integers precise.
/// </summary>
internal readonly record struct JsonNumber
{
    private JsonNumber(BigInteger significand, long exponent)
    {
        if (significand.IsZero)
        {
            exponent = 0;
        }

        while (!significand.IsZero && (significand % 10).IsZero)
        {
            significand /= 10;
            exponent++;
        }

        Significand = significand;
        Exponent = exponent;
    }

    public BigInteger Significand { get; }

    public long Exponent { get; }

    public bool IsInteger => Exponent >= 0;

    public int Sign => Significand.Sign;

    public bool TryGetInt32(out int value)
    {
        value = 0;
        if (!IsInteger || Exponent > 10)
        {
            return false;
        }

        var whole = Significand * BigInteger.Pow(10, (int)Exponent);
        if (whole < int.MinValue || whole > int.MaxValue)
        {
            return false;
        }

        value = (int)whole;
        return true;
    }

    public static JsonNumber Parse(string text)
    {
        var s = text.AsSpan().Trim();
        var exponentAt = s.IndexOfAny('e', 'E');
        long exponent = 0;
        if (exponentAt >= 0)
        {
            // A JSON exponent can exceed long in theory; saturating keeps ordering right for any real document.
            var e = BigInteger.Parse(s[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            exponent = (long)BigInteger.Clamp(e, int.MinValue, int.MaxValue);
            s = s[..exponentAt];
        }

        var dot = s.IndexOf('.');
        var digits = dot < 0 ? s.ToString() : string.Concat(s[..dot], s[(dot + 1)..]);
        if (dot >= 0)
        {
            exponent -= s.Length - dot - 1;
        }

        var significand = BigInteger.Parse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return new JsonNumber(significand, exponent);
    }

    public static JsonNumber From(JsonValue value) => Parse(value.ToJsonString());

    /// <summary>Exact test of "dividend / divisor is an integer"; divisor must be positive.</summary>
    public static bool IsMultipleOf(JsonNumber dividend, JsonNumber divisor)
    {
        if (dividend.Significand.IsZero)
        {
            return true;
        }

        // Normalised significands are not divisible by 10, so a dividend with a smaller exponent
        // always leaves a fractional quotient.
        if (dividend.Exponent < divisor.Exponent)
        {
            return false;
        }

        // a*10^p / (b*10^q) is an integer iff b | a*10^(p-q); ModPow keeps huge exponent gaps (1e308 / 0.5) cheap.
        var divisorSignificand = BigInteger.Abs(divisor.Significand);
        var scale = BigInteger.ModPow(10, dividend.Exponent - divisor.Exponent, divisorSignificand);
        return (BigInteger.Abs(dividend.Significand) * scale % divisorSignificand).IsZero;
    }

    public static int Compare(JsonNumber left, JsonNumber right)
    {
        if (left.Sign != right.Sign)
        {
            return left.Sign.CompareTo(right.Sign);
        }

        if (left.Sign == 0)
        {
            return 0;
        }

        var magnitude = CompareMagnitude(left, right);
        return left.Sign > 0 ? magnitude : -magnitude;
    }

    public override string ToString()
    {
        var digits = BigInteger.Abs(Significand).ToString(CultureInfo.InvariantCulture);
        var sign = Sign < 0 ? "-" : "";
        if (Exponent >= 0)
        {
            return Exponent <= 20 ? sign + digits + new string('0', (int)Exponent) : $"{sign}{digits}e{Exponent}";
        }

        var fractionDigits = -Exponent;
        if (fractionDigits > 40)
        {
            return $"{sign}{digits}e{Exponent}";
        }

        var padded = digits.PadLeft((int)fractionDigits + 1, '0');
        return $"{sign}{padded[..^(int)fractionDigits]}.{padded[^(int)fractionDigits..]}";
    }

    private static int CompareMagnitude(JsonNumber left, JsonNumber right)
    {
        var leftDigits = DigitCount(left.Significand);
        var rightDigits = DigitCount(right.Significand);

        // Order of magnitude first: this also bounds the exponent gap before any scaling below.
        var byMagnitude = (leftDigits + left.Exponent).CompareTo(rightDigits + right.Exponent);
        if (byMagnitude != 0)
        {
            return byMagnitude;
        }

        var common = Math.Min(left.Exponent, right.Exponent);
        var l = BigInteger.Abs(left.Significand) * BigInteger.Pow(10, (int)(left.Exponent - common));
        var r = BigInteger.Abs(right.Significand) * BigInteger.Pow(10, (int)(right.Exponent - common));
        return l.CompareTo(r);
    }

    private static long DigitCount(BigInteger value) => BigInteger.Abs(value).ToString(CultureInfo.InvariantCulture).Length;
}
