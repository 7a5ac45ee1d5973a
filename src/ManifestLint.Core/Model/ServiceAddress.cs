using System.Globalization;
using System.Text.RegularExpressions;

namespace ManifestLint.Core.Model;

/// <summary>
/// A Service's cluster DNS name used as a host in a string: <c>svc</c>, <c>svc.ns</c>, <c>svc.ns.svc</c> or
/// <c>svc.ns.svc.cluster.local</c>. <see cref="Namespace"/> is null for a bare name, which resolves in the
/// caller's own namespace; <see cref="Port"/> is the explicit port, if any; <see cref="Scheme"/> the URL scheme.
/// </summary>
public sealed record ServiceAddress(string Service, string? Namespace, int? Port, string? Scheme, string Host)
{
    /// <summary>The port a URL implies when it names none (http and https only; other schemes vary by client).</summary>
    public int? ImpliedPort => Port ?? Scheme switch
    {
        "http" => 80,
        "https" => 443,
        _ => null,
    };

    public override string ToString() => Port is null ? Host : $"{Host}:{Port}";
}

/// <summary>
/// Finds Service DNS names in free text, on host boundaries only (never inside a longer name). To keep words that
/// happen to equal a Service name from counting, a bare or two-label name counts only where it is clearly a host:
/// the host of a URL (<c>http://svc:8080/x</c>), a <c>host:port</c> pair, or the whole value when the caller says the
/// value is a host. A name ending in <c>.svc</c> (or <c>.svc.</c> plus a cluster domain) counts anywhere.
/// </summary>
public static partial class ServiceAddresses
{
    public static IReadOnlyList<ServiceAddress> Find(string text, bool wholeTextIsHost = false)
    {
        // Every pattern but the whole-value one needs a ':' (URL, host:port) or ".svc" (qualified name): most env values
        // and args have neither, and the three scans were about a seventh of the rules phase at 10,000 apps (the URL
        // pattern tries every letter run for a scheme).
        if (!wholeTextIsHost && !text.Contains(':') && !text.Contains(".svc", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var found = new SortedDictionary<int, ServiceAddress>();
        foreach (Match match in UrlPattern().Matches(text))
        {
            Add(found, match.Groups["host"], match.Groups["port"], match.Groups["scheme"].Value.ToLowerInvariant(), qualifiedOnly: false);
        }

        foreach (Match match in HostPortPattern().Matches(text))
        {
            Add(found, match.Groups["host"], match.Groups["port"], null, qualifiedOnly: false);
        }

        foreach (Match match in QualifiedPattern().Matches(text))
        {
            Add(found, match.Groups["host"], match.Groups["port"], null, qualifiedOnly: true);
        }

        var trimmed = text.Trim();
        if (wholeTextIsHost && found.Count == 0 && HostOnlyPattern().IsMatch(trimmed) && Parse(trimmed, null, null) is { } whole)
        {
            found[text.IndexOf(trimmed, StringComparison.Ordinal)] = whole;
        }

        return [.. found.Values];
    }

    private static void Add(SortedDictionary<int, ServiceAddress> found, Group host, Group port, string? scheme, bool qualifiedOnly)
    {
        if (found.ContainsKey(host.Index))
        {
            return; // The same host seen by a more specific pattern first (a URL before host:port).
        }

        int? portNumber = port.Success && int.TryParse(port.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536 ? p : null;
        if (Parse(host.Value, portNumber, scheme) is { } address && (!qualifiedOnly || address.Host.Split('.').Length >= 3))
        {
            found[host.Index] = address;
        }
    }

    /// <summary>Interprets a host as a Service DNS name; null when it cannot be one.</summary>
    private static ServiceAddress? Parse(string host, int? port, string? scheme)
    {
        var normalized = host.TrimEnd('.').ToLowerInvariant();
        var labels = normalized.Split('.');
        if (labels.Any(l => !DnsLabelPattern().IsMatch(l)) || !char.IsAsciiLetterLower(labels[0][0]))
        {
            return null; // Service names are DNS-1035 labels: they start with a letter (so IP addresses never match).
        }

        return labels.Length switch
        {
            1 => new ServiceAddress(labels[0], null, port, scheme, normalized),
            2 => new ServiceAddress(labels[0], labels[1], port, scheme, normalized),
            _ when labels[2] == "svc" => new ServiceAddress(labels[0], labels[1], port, scheme, normalized),
            _ => null,
        };
    }

    // scheme://[userinfo@]host[:port], and gRPC's scheme:///host:port; the host run is maximal, so "api" never
    // matches inside "api-v2".
    [GeneratedRegex(@"(?<scheme>[A-Za-z][A-Za-z0-9+\-]*):///?(?:[^@/\s?#]*@)?(?<host>[A-Za-z0-9.\-]+)(?::(?<port>[0-9]{1,5}))?")]
    private static partial Regex UrlPattern();

    // host:port outside a URL; not after / @ : (URL parts) and not before @ (user:password@).
    [GeneratedRegex(@"(?<![A-Za-z0-9.\-/@:])(?<host>[A-Za-z][A-Za-z0-9.\-]*):(?<port>[0-9]{1,5})(?![A-Za-z0-9.\-@:])")]
    private static partial Regex HostPortPattern();

    // svc.ns.svc[.cluster.domain][.] anywhere, as a whole host.
    [GeneratedRegex(@"(?<![A-Za-z0-9.\-])(?<host>[A-Za-z0-9\-]+\.[A-Za-z0-9\-]+\.svc(?:\.[A-Za-z0-9\-]+)*\.?)(?::(?<port>[0-9]{1,5}))?(?![A-Za-z0-9\-])")]
    private static partial Regex QualifiedPattern();

    [GeneratedRegex(@"^[A-Za-z0-9.\-]+$")]
    private static partial Regex HostOnlyPattern();

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9\-]*[a-z0-9])?$")]
    private static partial Regex DnsLabelPattern();
}
