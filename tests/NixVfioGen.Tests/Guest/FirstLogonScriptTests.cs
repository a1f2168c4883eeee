using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using NixVfioGen.Guest;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Guest;

/// <summary>
/// The first-logon script's Looking Glass part, run by PowerShell (pwsh here; the functions use only what
/// Windows PowerShell 5.1 has, see <see cref="WindowsPowerShell51Tests"/>) against a local HTTP server.
/// </summary>
public sealed class FirstLogonScriptTests : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly HttpListener server = new();
    private readonly string baseUrl;
    private int failedRequests;

    public FirstLogonScriptTests()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        baseUrl = $"http://127.0.0.1:{port}/";
        server.Prefixes.Add(baseUrl);
        server.Start();
        _ = Task.Run(Serve);
    }

    // /unavailable answers 503; /no-installer a zip without looking-glass-host-setup.exe.
    private async Task Serve()
    {
        while (server.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await server.GetContextAsync();
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            if (context.Request.Url!.AbsolutePath == "/no-installer")
            {
                using var buffer = new MemoryStream();
                using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
                {
                    using var writer = new StreamWriter(archive.CreateEntry("README.txt").Open());
                    writer.Write("not the installer");
                }
                context.Response.ContentType = "application/zip";
                await context.Response.OutputStream.WriteAsync(buffer.ToArray());
            }
            else
            {
                Interlocked.Increment(ref failedRequests);
                context.Response.StatusCode = 503;
            }
            context.Response.Close();
        }
    }

    private ExternalTool.Result Run(string body, string? home = null)
    {
        var script = directory.File("setup.ps1", FirstLogonScript.Text("B7"));
        var harness = directory.File("harness.ps1", PowerShell.WithFunctionsOf(script, body));
        return PowerShell.RunFile(harness, home ?? directory.Path);
    }

    private string Download(string path) =>
        $"$url = {PowerShell.Quote(baseUrl + path)}; $version = 'B7'\n" +
        $"$zip = {PowerShell.Quote(Path.Combine(directory.Path, "host.zip"))}; $unpacked = {PowerShell.Quote(Path.Combine(directory.Path, "host"))}\n" +
        "$downloadAttempts = 3; $retryPauseSeconds = 0\n" +
        "try { Install-LookingGlassHost; 'RESULT installed' } catch { \"RESULT $($_.Exception.Message)\" }";

    [Fact]
    public void A_zip_without_the_installer_is_reported_as_such()
    {
        var result = Run(Download("no-installer"));
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains($"RESULT {baseUrl}no-installer holds no looking-glass-host-setup.exe (it holds: README.txt)", result.Stdout);
        Assert.Contains("SHA-256", result.Stdout);
    }

    [Fact]
    public void The_download_is_tried_three_times_then_the_last_reason_is_reported()
    {
        var result = Run(Download("unavailable"));
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(3, failedRequests);
        Assert.Contains($"RESULT download of {baseUrl}unavailable failed 3 times, last: ", result.Stdout);
        Assert.Contains("503", result.Stdout);
        Assert.Contains("download attempt 2 failed", result.Stdout);
    }

    [Fact]
    public void The_desktop_note_never_fails_even_under_stop_and_says_why()
    {
        // No Desktop folder at all: the note cannot be written, and the fallback still does not throw.
        var without = Run("Write-DesktopNote -reason 'no network'\n'AFTER'", home: directory.Path);
        Assert.True(without.ExitCode == 0, without.Stderr);
        Assert.Contains("Looking Glass host: no note on the desktop either:", without.Stdout);
        Assert.EndsWith("AFTER", without.Stdout.TrimEnd());

        var home = Path.Combine(directory.Path, "home");
        Directory.CreateDirectory(Path.Combine(home, "Desktop"));
        var with = Run("$url = 'https://looking-glass.io/artifact/B7/host'; $version = 'B7'\nWrite-DesktopNote -reason 'the download failed'\n'AFTER'", home);
        Assert.True(with.ExitCode == 0, with.Stderr);
        var note = File.ReadAllText(Path.Combine(home, "Desktop", "Install the Looking Glass host.txt"));
        Assert.Contains("The Looking Glass host was not installed: the download failed", note);
        Assert.Contains("https://looking-glass.io/artifact/B7/host", note);
    }

    [Fact]
    public void Waiting_for_the_network_is_bounded()
    {
        var result = Run("$start = Get-Date\n\"RESOLVED $(Wait-Network -hostName 'localhost' -seconds 5)\"\n"
            + "\"UNRESOLVED $(Wait-Network -hostName 'nothing.invalid' -seconds 1)\"\n\"SECONDS $([int]((Get-Date) - $start).TotalSeconds)\"");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("RESOLVED True", result.Stdout);
        Assert.Contains("UNRESOLVED False", result.Stdout);
        var seconds = int.Parse(result.Stdout.Split("SECONDS ")[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 0, 30);
    }

    [Fact]
    public void Tls_12_is_added_to_what_the_system_offers_and_the_progress_bar_is_off()
    {
        var script = FirstLogonScript.Text("B7");
        Assert.Contains("[Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12", script);
        Assert.DoesNotContain("SecurityProtocol = [Net.SecurityProtocolType]", script);
        Assert.Contains("$ProgressPreference = 'SilentlyContinue'", script);
        // Bounded: the wait and the attempts are constants of the script, not loops without end.
        Assert.Contains($"Wait-Network -hostName 'looking-glass.io' -seconds {FirstLogonScript.NetworkWaitSeconds}", script);
        Assert.Contains($"$downloadAttempts = {FirstLogonScript.DownloadAttempts}", script);
    }

    [Fact]
    public void Without_looking_glass_the_guest_gets_nothing_of_it()
    {
        var script = FirstLogonScript.Text(null);
        Assert.DoesNotContain("looking", script, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("virtio-win-guest-tools.exe", script);

        var result = CliRun.Run(["--ids", "1002:67df", "--guest-setup", "--iso", "/var/lib/libvirt/images/Win11.iso", "--looking-glass", "none"]);
        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("looking-glass.io", result.Stdout);
        Assert.DoesNotContain("looking-glass-client", result.Stdout);
        Assert.DoesNotContain("Looking Glass host", result.Stdout);
        Assert.Contains("virtio-win-guest-tools.exe", result.Stdout);
    }

    public void Dispose()
    {
        server.Stop();
        server.Close();
        directory.Dispose();
    }
}
