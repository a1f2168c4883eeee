using System.Xml.Linq;
using NixVfioGen.Cli.Processes;
using NixVfioGen.Doctor;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Discovery;

/// <summary>
/// Runs virsh from PATH with read-only subcommands (uri, net-info, domcapabilities, domstate,
/// domblklist), all within one overall deadline: a hanging daemon costs that once, not once per call.
/// </summary>
internal sealed class VirshProbe(string? path, TimeSpan deadline) : ILibvirtProbe
{
    /// <summary>All of doctor's virsh calls together; a healthy daemon answers them in well under a second.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private readonly ProcessRunner runner = new(path, deadline);

    public async Task<LibvirtFacts> QueryAsync(string uri, DomainName? vm, CancellationToken cancellation)
    {
        var virsh = runner.Find("virsh");
        if (virsh is null)
        {
            return new LibvirtFacts.NoVirsh();
        }
        var end = DateTime.UtcNow + deadline;
        Task<Outcome> Run(string[] arguments) => RunAsync(virsh, arguments, end, cancellation);
        var hello = await Run(["-c", uri, "uri"]);
        if (hello.ExitCode != 0)
        {
            return new LibvirtFacts.Unreachable($"libvirt did not answer at {uri}: {hello.Error}");
        }
        var network = await Run(["-c", uri, "net-info", "default"]);
        var domain = vm is { } name ? await Domain(Run, uri, name.Value) : null;
        var capabilities = await Run(["-c", uri, "domcapabilities", "--arch", "x86_64", "--machine", "q35"]);
        return new LibvirtFacts.Reachable(
            network.ExitCode == 0 ? new NetworkFacts(Field(network.Output, "Active") == "yes", Field(network.Output, "Autostart") == "yes") : null,
            domain,
            Firmware(capabilities));
    }

    private static FirmwareFacts? Firmware(Outcome capabilities)
    {
        if (capabilities.ExitCode != 0)
        {
            return null;
        }
        try
        {
            var os = XDocument.Parse(capabilities.Output).Root?.Element("os");
            IEnumerable<string> Values(XElement? parent, string name) =>
                parent?.Elements("enum").Where(e => (string?)e.Attribute("name") == name).Elements("value").Select(v => v.Value.Trim()) ?? [];
            return new FirmwareFacts(Values(os, "firmware").Contains("efi"), Values(os?.Element("loader"), "secure").Contains("yes"));
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    private static async Task<DomainFacts?> Domain(Func<string[], Task<Outcome>> run, string uri, string name)
    {
        var state = await run(["-c", uri, "domstate", name]);
        if (state.ExitCode != 0)
        {
            return null;
        }
        // domblklist --details: a header, a rule, then "Type Device Target Source" rows; Source may hold spaces.
        var disks = await run(["-c", uri, "domblklist", name, "--details"]);
        var sources = disks.Output.Split('\n')
            .Select(line => line.Trim().Split(' ', 4, StringSplitOptions.RemoveEmptyEntries))
            .Where(columns => columns.Length == 4 && columns[1] == "disk")
            .Select(columns => columns[3].Trim())
            .ToArray();
        return new DomainFacts(state.Output.Trim().Split('\n')[0].Trim(), sources);
    }

    // net-info prints "Active:         yes"; the names are not translated (virsh prints them untranslated).
    private static string? Field(string output, string name) =>
        output.Split('\n')
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim() == name)
            .Select(parts => parts[1].Trim())
            .FirstOrDefault();

    private sealed record Outcome(int ExitCode, string Output, string Error);

    // A run that did not exit counts as a failed one, with the reason in its error line.
    private async Task<Outcome> RunAsync(string virsh, string[] arguments, DateTime end, CancellationToken cancellation) => await runner.RunAsync(virsh, arguments, cancellation, deadline: end) switch
    {
        ProcessOutcome.Exited exited => new Outcome(exited.ExitCode, exited.Stdout, CliInputException.Printable(exited.FirstErrorLine ?? $"exit code {exited.ExitCode}")),
        ProcessOutcome.TimedOut => new Outcome(-1, "", $"no answer within {deadline.TotalSeconds:0} s"),
        ProcessOutcome.TooLarge tooLarge => new Outcome(-1, "", $"virsh printed more than {tooLarge.Limit} bytes"),
        ProcessOutcome.NotStarted notStarted => new Outcome(-1, "", "virsh could not be started: " + CliInputException.Printable(notStarted.Message)),
        _ => throw new InvalidOperationException("unknown process outcome"),
    };
}
