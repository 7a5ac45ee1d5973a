using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Connectivity;

/// <summary>An inclusive range of IPv4 addresses, written as first and last address (<c>10.0.0.0-10.255.255.255</c>).</summary>
public readonly record struct Ipv4Range(uint First, uint Last)
{
    public static Ipv4Range Everything { get; } = new(0, uint.MaxValue);

    public bool Contains(Ipv4Range other) => other.First >= First && other.Last <= Last;

    /// <summary>An IPv4 CIDR (<c>10.0.0.0/8</c>, host bits ignored as the API's parser does); null for IPv6 or anything else.</summary>
    public static Ipv4Range? ParseCidr(string? text)
    {
        var slash = text?.IndexOf('/') ?? -1;
        if (text is null || slash < 0
            || !IPAddress.TryParse(text.AsSpan(0, slash), out var address) || address.AddressFamily != AddressFamily.InterNetwork
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > 32)
        {
            return null;
        }

        var bytes = address.GetAddressBytes();
        var value = (uint)bytes[0] << 24 | (uint)bytes[1] << 16 | (uint)bytes[2] << 8 | bytes[3];
        var hostMask = prefix == 0 ? uint.MaxValue : (1u << (32 - prefix)) - 1;
        return new Ipv4Range(value & ~hostMask, value | hostMask);
    }

    /// <summary>
    /// The addresses an <c>ipBlock</c> admits: its cidr less every <c>except</c> entry, as disjoint ranges in order.
    /// Empty for an IPv6 block (IPv4 only) or one without a readable cidr.
    /// </summary>
    public static IReadOnlyList<Ipv4Range> OfIpBlock(MappingNode ipBlock)
    {
        if (ParseCidr(ipBlock.StringAt("cidr")) is not { } cidr)
        {
            return [];
        }

        var remaining = new List<Ipv4Range> { cidr };
        foreach (var except in ipBlock.SequenceAt("except")?.Items.OfType<ScalarNode>() ?? [])
        {
            if (ParseCidr(except.Value) is { } hole)
            {
                remaining = [.. remaining.SelectMany(r => r.Without(hole))];
            }
        }

        return remaining;
    }

    /// <summary>
    /// Cuts the whole IPv4 space at every boundary of <paramref name="ranges"/>: each piece lies entirely inside or
    /// entirely outside each range, so a rule's ipBlock either admits a piece as a whole or not at all.
    /// </summary>
    public static IReadOnlyList<Ipv4Range> Partition(IEnumerable<Ipv4Range> ranges)
    {
        // A piece starts at 0 and at each range's first address and the address after its last.
        var starts = new SortedSet<uint> { 0 };
        foreach (var range in ranges)
        {
            starts.Add(range.First);
            if (range.Last != uint.MaxValue)
            {
                starts.Add(range.Last + 1);
            }
        }

        var ordered = starts.ToArray();
        var pieces = new List<Ipv4Range>(ordered.Length);
        for (var i = 0; i < ordered.Length; i++)
        {
            pieces.Add(new Ipv4Range(ordered[i], i + 1 < ordered.Length ? ordered[i + 1] - 1 : uint.MaxValue));
        }

        return pieces;
    }

    public override string ToString() => $"{Format(First)}-{Format(Last)}";

    private IEnumerable<Ipv4Range> Without(Ipv4Range hole)
    {
        if (hole.Last < First || hole.First > Last)
        {
            yield return this;
            yield break;
        }

        if (hole.First > First)
        {
            yield return new Ipv4Range(First, hole.First - 1);
        }

        if (hole.Last < Last)
        {
            yield return new Ipv4Range(hole.Last + 1, Last);
        }
    }

    private static string Format(uint address) =>
        string.Create(CultureInfo.InvariantCulture, $"{address >> 24}.{(address >> 16) & 0xFF}.{(address >> 8) & 0xFF}.{address & 0xFF}");
}
