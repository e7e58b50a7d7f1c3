; Inno Setup 6 script for the gkdesk Windows installer (built by .github/workflows/windows.yml).
; Saved as UTF-8 with a BOM, so every Inno Setup 6 release reads its Chinese text correctly.
;
;   iscc packaging\installer.iss            (after `pyinstaller packaging\gkdesk.spec` made dist\gkdesk)
;
; What it does: installs dist\gkdesk into Program Files (all users, needs admin) or, by default, into the clerk's own
; %LOCALAPPDATA%\Programs (no admin rights needed, which matters on locked-down office PCs); a Start menu folder with
; the editor, the example report and the uninstaller; an optional desktop icon; the .gkreport file association
; (double-click opens the report in gkdesk); an entry in "Apps & features" that uninstalls all of that. The clerk's
; reports and %APPDATA%\gkdesk (settings, autosave copies, logs) are never touched by uninstalling.
;
; Chinese: the official Inno Setup download has no Simplified Chinese; the maintained translation is the
; "unofficial" Files\Languages\Unofficial\ChineseSimplified.isl of the Inno Setup source repository. The workflow
; downloads it (pinned to a commit) to build\ChineseSimplified.isl. Without that file this script still compiles:
; the wizard's standard pages fall back to English (Default.isl) and only gkdesk's own texts below are Chinese.

#ifndef BundleDir
  #define BundleDir AddBackslash(SourcePath) + "..\dist\gkdesk"
#endif
#ifndef AppVersion
  ; The version resource of gkdesk.exe, itself generated from gkdesk.__version__ by packaging/version_info.py.
  #define AppVersion GetStringFileInfo(BundleDir + "\gkdesk.exe", "ProductVersion")
#endif
#if AppVersion == ""
  #error Could not read the version from gkdesk.exe; pass /DAppVersion=X.Y.Z
#endif
#define NumericVersion GetVersionNumbersString(BundleDir + "\gkdesk.exe")
#define ChineseIsl AddBackslash(SourcePath) + "..\build\ChineseSimplified.isl"

[Setup]
; Never change AppId: Windows finds earlier installs (for upgrades and uninstall) by it.
AppId={{24304013-40C8-4260-982F-64364B3F4940}
AppName=gkdesk
AppVersion={#AppVersion}
AppVerName=gkdesk {#AppVersion} 政府信息公开工作年度报告编辑器
AppPublisher=gkdesk
VersionInfoVersion={#NumericVersion}
VersionInfoDescription=gkdesk 安装程序
DefaultDirName={autopf}\gkdesk
DefaultGroupName=gkdesk 年度报告编辑器
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
; Qt 6 supports Windows 10 1809 (build 17763) and later, 64-bit only.
MinVersion=10.0.17763
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
CloseApplications=yes
WizardStyle=modern
SetupIconFile={#BundleDir}\_internal\gkdesk.ico
UninstallDisplayIcon={app}\gkdesk.exe
UninstallDisplayName=gkdesk 政府信息公开工作年度报告编辑器
OutputDir=..\dist\installer
OutputBaseFilename=gkdesk-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes

[Languages]
#if FileExists(ChineseIsl)
Name: "chs"; MessagesFile: "{#ChineseIsl}"
#else
  #pragma warning "build\ChineseSimplified.isl not found: the wizard's standard pages will be in English"
Name: "chs"; MessagesFile: "compiler:Default.isl"
#endif

[CustomMessages]
chs.AppTitle=gkdesk 年度报告编辑器
chs.OpenExample=打开示例报告
chs.ReportFileType=政府信息公开工作年度报告
chs.AssocGroup=文件关联：
chs.AssocTask=双击 .gkreport 报告文件时用 gkdesk 打开
#if !FileExists(ChineseIsl)
chs.AdditionalIcons=附加快捷方式：
chs.CreateDesktopIcon=创建桌面快捷方式(&D)
chs.UninstallProgram=卸载 %1
chs.LaunchProgram=运行 %1
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "associate"; Description: "{cm:AssocTask}"; GroupDescription: "{cm:AssocGroup}"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the whole bundle: files a newer build no longer ships must not linger next to new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{cm:AppTitle}"; Filename: "{app}\gkdesk.exe"
Name: "{group}\{cm:OpenExample}"; Filename: "{app}\gkdesk.exe"; Parameters: "--example"
Name: "{group}\{cm:UninstallProgram,gkdesk}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{cm:AppTitle}"; Filename: "{app}\gkdesk.exe"; Tasks: desktopicon

[Registry]
; .gkreport → gkdesk.report (HKA: HKLM for an all-users install, HKCU for a per-user one).
Root: HKA; Subkey: "Software\Classes\.gkreport"; ValueType: string; ValueName: ""; ValueData: "gkdesk.report"; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\.gkreport\OpenWithProgids"; ValueType: string; ValueName: "gkdesk.report"; ValueData: ""; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\gkdesk.report"; ValueType: string; ValueName: ""; ValueData: "{cm:ReportFileType}"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\gkdesk.report\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\gkdesk.exe,0"; Tasks: associate
Root: HKA; Subkey: "Software\Classes\gkdesk.report\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\gkdesk.exe"" ""%1"""; Tasks: associate
; "Open with" lists gkdesk for the files it reads, without taking them over.
Root: HKA; Subkey: "Software\Classes\Applications\gkdesk.exe"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{cm:AppTitle}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\gkdesk.exe\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\gkdesk.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\gkdesk.exe\SupportedTypes"; ValueType: string; ValueName: ".gkreport"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\gkdesk.exe\SupportedTypes"; ValueType: string; ValueName: ".docx"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\gkdesk.exe\SupportedTypes"; ValueType: string; ValueName: ".txt"; ValueData: ""

[Run]
Filename: "{app}\gkdesk.exe"; Description: "{cm:LaunchProgram,{cm:AppTitle}}"; Flags: nowait postinstall skipifsilent
