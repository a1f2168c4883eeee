using NixVfioGen.Nix;

namespace NixVfioGen.Guest;

/// <summary>
/// The PowerShell script the first logon runs from the setup ISO: the virtio-win guest tools (drivers,
/// QEMU guest agent, SPICE agent, balloon), then the Looking Glass host of exactly the client's version,
/// which the module substitutes from pkgs.looking-glass-client.version at build time. Logs to
/// C:\nix-vfio-gen-setup.log; without network it leaves a note on the desktop saying what to fetch.
/// </summary>
public static class FirstLogonScript
{
    /// <summary>Where the Looking Glass version goes; replaced by an interpolation in the module.</summary>
    public const string VersionMarker = "@LOOKING_GLASS_VERSION@";

    /// <summary>
    /// Looking Glass serves each release's host as https://looking-glass.io/artifact/VERSION/host, a zip
    /// holding looking-glass-host-setup.exe, which installs silently with /S and, since B6, brings the
    /// IVSHMEM driver and registers the service (Looking Glass docs, install_host.rst). The site publishes
    /// no checksum to verify against, so the script logs the SHA-256 of what it fetched over HTTPS.
    /// </summary>
    public const string HostUrlPattern = "https://looking-glass.io/artifact/{0}/host";

    public static string Text(string version) => Template.Replace(VersionMarker, version, StringComparison.Ordinal);

    /// <summary>The script as a Nix indented string, the version an interpolation of the client's.</summary>
    public static NixIndentedString Nix()
    {
        var pieces = Template.Split(VersionMarker);
        var parts = new List<NixStringPart>();
        for (var i = 0; i < pieces.Length; i++)
        {
            if (i > 0)
            {
                parts.Add(new NixInterpolation(NixReference.Of("pkgs.looking-glass-client.version")));
            }
            parts.Add(new NixText(pieces[i]));
        }
        return new NixIndentedString(parts);
    }

    private static string Template => string.Join('\n',
    [
        "# nix-vfio-gen first logon: guest tools, then the Looking Glass host matching the NixOS client.",
        "$ErrorActionPreference = 'Continue'",
        $"Start-Transcript -Path {PowerShellWords.Quote(SetupMedia.LogPath)} -Append | Out-Null",
        $"$version = {PowerShellWords.Quote(VersionMarker)}",
        "$media = Split-Path -Parent $PSCommandPath",
        "",
        "# virtio-win guest tools: the remaining drivers, the QEMU guest agent, the SPICE agent, the balloon service.",
        $"$tools = Join-Path $media {PowerShellWords.Quote(SetupMedia.VirtioWinDirectory + @"\virtio-win-guest-tools.exe")}",
        "if (Test-Path $tools) {",
        "    $installer = Start-Process -FilePath $tools -ArgumentList '/install', '/passive', '/norestart' -Wait -PassThru",
        "    Write-Output \"virtio-win guest tools: exit code $($installer.ExitCode)\"",
        "} else {",
        "    Write-Output \"virtio-win guest tools: not found at $tools\"",
        "}",
        "",
        "# The Looking Glass host of exactly the client's version; another version refuses to connect.",
        $"$url = {PowerShellWords.Quote(HostUrlPattern)} -f $version",
        "$zip = Join-Path $env:TEMP 'looking-glass-host.zip'",
        "$unpacked = Join-Path $env:TEMP 'looking-glass-host'",
        "try {",
        "    $ErrorActionPreference = 'Stop'",
        "    [Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12",
        "    Invoke-WebRequest -Uri $url -OutFile $zip -UseBasicParsing",
        "    Write-Output (\"downloaded {0}, SHA-256 {1}\" -f $url, (Get-FileHash -Path $zip -Algorithm SHA256).Hash)",
        "    Expand-Archive -Path $zip -DestinationPath $unpacked -Force",
        "    $setup = Get-ChildItem -Path $unpacked -Filter 'looking-glass-host-setup.exe' -Recurse | Select-Object -First 1",
        "    $installer = Start-Process -FilePath $setup.FullName -ArgumentList '/S' -Wait -PassThru",
        "    Write-Output \"Looking Glass host $version installed as a service: exit code $($installer.ExitCode)\"",
        "} catch {",
        "    Write-Output \"Looking Glass host: $($_.Exception.Message)\"",
        "    $note = Join-Path ([Environment]::GetFolderPath('Desktop')) 'Install the Looking Glass host.txt'",
        "    Set-Content -Path $note -Value @(",
        "        \"The Looking Glass host could not be downloaded: $($_.Exception.Message)\",",
        "        \"With the network up, download $url (version $version, the same as the client on NixOS),\",",
        "        'unzip it and run looking-glass-host-setup.exe as administrator (or with /S from an administrator shell).'",
        "    )",
        "}",
        "Stop-Transcript | Out-Null",
        "",
    ]);
}
