using System.Globalization;
using System.Text;

namespace ManifestLint.Core.Connectivity;

/// <summary>An inclusive range of port numbers.</summary>
public readonly record struct PortRange(int First, int Last)
{
    public override string ToString() =>
        First == Last ? First.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{First}-{Last}");
}

/// <summary>
/// A set of port numbers of one protocol (1 to 65535), kept as sorted, disjoint, non-adjacent ranges, so that
/// two sets with the same ports are written the same way whatever rules built them.
/// </summary>
public sealed class PortSet : IEquatable<PortSet>
{
    public const int MinPort = 1;
    public const int MaxPort = 65535;

    private readonly PortRange[] _ranges;

    private PortSet(PortRange[] normalized) => _ranges = normalized;

    public static PortSet Empty { get; } = new([]);

    public static PortSet All { get; } = new([new PortRange(MinPort, MaxPort)]);

    public IReadOnlyList<PortRange> Ranges => _ranges;

    public bool IsEmpty => _ranges.Length == 0;

    public bool IsAll => _ranges.Length == 1 && _ranges[0] == new PortRange(MinPort, MaxPort);

    /// <summary>The ports from <paramref name="first"/> to <paramref name="last"/>, clipped to 1-65535 (empty when none remain).</summary>
    public static PortSet Range(int first, int last) => Of([new PortRange(first, last)]);

    public static PortSet Single(int port) => Range(port, port);

    /// <summary>Any ranges, in any order, overlapping or not.</summary>
    public static PortSet Of(IEnumerable<PortRange> ranges)
    {
        var sorted = ranges
            .Select(r => new PortRange(Math.Max(r.First, MinPort), Math.Min(r.Last, MaxPort)))
            .Where(r => r.First <= r.Last)
            .OrderBy(r => r.First)
            .ToList();
        var merged = new List<PortRange>(sorted.Count);
        foreach (var range in sorted)
        {
            // Adjacent ranges merge too: 80 and 81-90 are the one run 80-90.
            if (merged.Count > 0 && range.First <= merged[^1].Last + 1)
            {
                merged[^1] = merged[^1] with { Last = Math.Max(merged[^1].Last, range.Last) };
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged.Count == 0 ? Empty : new PortSet([.. merged]);
    }

    public PortSet Union(PortSet other) =>
        other.IsEmpty || IsAll ? this : IsEmpty || other.IsAll ? other : Of(_ranges.Concat(other._ranges));

    public PortSet Intersect(PortSet other)
    {
        if (IsAll || other.IsEmpty)
        {
            return other;
        }

        if (other.IsAll || IsEmpty)
        {
            return this;
        }

        var result = new List<PortRange>();
        int i = 0, j = 0;
        while (i < _ranges.Length && j < other._ranges.Length)
        {
            var first = Math.Max(_ranges[i].First, other._ranges[j].First);
            var last = Math.Min(_ranges[i].Last, other._ranges[j].Last);
            if (first <= last)
            {
                result.Add(new PortRange(first, last));
            }

            if (_ranges[i].Last < other._ranges[j].Last)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return result.Count == 0 ? Empty : new PortSet([.. result]);
    }

    public bool Contains(int port) => _ranges.Any(r => port >= r.First && port <= r.Last);

    public bool Equals(PortSet? other) => other is not null && _ranges.AsSpan().SequenceEqual(other._ranges);

    public override bool Equals(object? obj) => Equals(obj as PortSet);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var range in _ranges)
        {
            hash.Add(range);
        }

        return hash.ToHashCode();
    }

    /// <summary>Ascending runs, comma-separated: <c>1-79,81-65535</c>.</summary>
    public override string ToString() => string.Join(",", _ranges);
}

/// <summary>The transport protocols a NetworkPolicy can name, in the order connections are written (by name).</summary>
public enum TransportProtocol
{
    SCTP,
    TCP,
    UDP,
}

/// <summary>
/// What may flow from one peer to another: a port set per protocol. Written as netpol-analyzer writes it:
/// <c>All Connections</c> when every port of every protocol is allowed, else <c>SCTP 8956,TCP 1-79,81-65535,UDP 53</c>.
/// </summary>
public sealed class ConnectionSet : IEquatable<ConnectionSet>
{
    public const string AllConnectionsText = "All Connections";
    public const string NoConnectionsText = "No Connections";

    private static readonly TransportProtocol[] Protocols = Enum.GetValues<TransportProtocol>();

    private readonly PortSet[] _byProtocol;

    private ConnectionSet(PortSet[] byProtocol) => _byProtocol = byProtocol;

    public static ConnectionSet None { get; } = new([PortSet.Empty, PortSet.Empty, PortSet.Empty]);

    public static ConnectionSet All { get; } = new([PortSet.All, PortSet.All, PortSet.All]);

    public bool IsEmpty => _byProtocol.All(p => p.IsEmpty);

    public bool IsAll => _byProtocol.All(p => p.IsAll);

    public PortSet this[TransportProtocol protocol] => _byProtocol[(int)protocol];

    /// <summary>The protocol as a NetworkPolicy or container port writes it; null for anything else (the API rejects it).</summary>
    public static TransportProtocol? ParseProtocol(string text) => text switch
    {
        "TCP" => TransportProtocol.TCP,
        "UDP" => TransportProtocol.UDP,
        "SCTP" => TransportProtocol.SCTP,
        _ => null,
    };

    public static ConnectionSet Of(TransportProtocol protocol, PortSet ports)
    {
        if (ports.IsEmpty)
        {
            return None;
        }

        var byProtocol = new[] { PortSet.Empty, PortSet.Empty, PortSet.Empty };
        byProtocol[(int)protocol] = ports;
        return new ConnectionSet(byProtocol);
    }

    public ConnectionSet Union(ConnectionSet other) =>
        other.IsEmpty || IsAll ? this : IsEmpty || other.IsAll ? other : Combine(other, static (a, b) => a.Union(b));

    public ConnectionSet Intersect(ConnectionSet other) =>
        IsAll || other.IsEmpty ? other : other.IsAll || IsEmpty ? this : Combine(other, static (a, b) => a.Intersect(b));

    public bool Equals(ConnectionSet? other) => other is not null && _byProtocol.AsSpan().SequenceEqual(other._byProtocol);

    public override bool Equals(object? obj) => Equals(obj as ConnectionSet);

    public override int GetHashCode() => HashCode.Combine(_byProtocol[0], _byProtocol[1], _byProtocol[2]);

    public override string ToString()
    {
        if (IsAll)
        {
            return AllConnectionsText;
        }

        if (IsEmpty)
        {
            return NoConnectionsText;
        }

        var text = new StringBuilder();
        foreach (var protocol in Protocols)
        {
            var ports = this[protocol];
            if (ports.IsEmpty)
            {
                continue;
            }

            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(protocol).Append(' ').Append(ports);
        }

        return text.ToString();
    }

    private ConnectionSet Combine(ConnectionSet other, Func<PortSet, PortSet, PortSet> operation) =>
        new([.. Protocols.Select(p => operation(this[p], other[p]))]);
}
