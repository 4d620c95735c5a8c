//! Every string the app shows, in 简体中文 and English.
//!
//! `messages!` takes both texts for every key, so a missing translation is a compile error,
//! not a blank on a resident's screen.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Locale {
    #[default]
    Zh,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Zh, Locale::En];
    pub const COOKIE: &'static str = "jy_lang";

    /// The BCP 47 tag written into `<html lang>` and the language cookie.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Zh => "zh-CN",
            Locale::En => "en",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Locale::Zh),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// Picks the first supported language of an `Accept-Language` header, by quality.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut ranked: Vec<(f32, Locale)> = header
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.split(';');
                let locale = Locale::from_tag(pieces.next()?)?;
                let quality =
                    pieces.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse().ok()).unwrap_or(1.0);
                Some((quality, locale))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        ranked.first().map(|(_, l)| *l)
    }

    /// The name of the language in itself, for the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::Zh => "简体中文",
            Locale::En => "English",
        }
    }
}

/// The cookie that remembers elderly mode (长辈模式) on this device: "1" or "0".
pub const ELDERLY_COOKIE: &str = "jy_elderly";

macro_rules! messages {
    ($($key:ident => $zh:literal, $en:literal;)*) => {
        /// A translatable message. Serializable, so errors keep their meaning across the wire.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Key { $($key),* }

        impl Key {
            pub const ALL: &'static [Key] = &[$(Key::$key),*];

            pub fn text(self, locale: Locale) -> &'static str {
                match locale {
                    Locale::Zh => match self { $(Key::$key => $zh),* },
                    Locale::En => match self { $(Key::$key => $en),* },
                }
            }
        }
    };
}

messages! {
    AppName => "家园", "Jiayuan";
    AppTagline => "招商街道 · 社区邻里平台", "Zhaoshang Street · neighbourhood platform";
    SkipToContent => "跳到正文", "Skip to content";
    NavHome => "首页", "Home";
    NavMe => "我的", "Me";
    NavConsole => "工作台", "Console";
    NavLogin => "登录", "Sign in";
    NavMain => "主导航", "Main navigation";
    Loading => "加载中…", "Loading…";
    Saved => "已保存", "Saved";
    Submit => "提交", "Submit";
    Cancel => "取消", "Cancel";
    Back => "返回", "Back";

    // Home
    HomeGreeting => "您好，", "Hello, ";
    HomeWelcomeTitle => "欢迎来到家园", "Welcome to Jiayuan";
    HomeWelcomeBody => "邻里守望、民生微实事、社区服务，都在手机上。登录或注册后即可参与。", "Neighbourhood watch, micro-projects and community services, on your phone. Sign in or register to take part.";
    HomeRegister => "注册账号", "Create an account";
    HomePendingTitle => "等待社区核实", "Waiting for verification";
    HomePendingBody => "社区工作人员核实您的住址后，您就可以求助、提议和投票。现在您可以先浏览。", "Once community staff have verified your address you can ask for help, propose and vote. Until then you can look around.";
    HomeRejectedTitle => "核实未通过", "Verification declined";
    HomeRejectedBody => "社区工作人员未能核实您的信息，原因：", "Community staff could not verify your details. Reason:";
    HomeVerifiedTitle => "已核实居民", "Verified resident";
    HomeVerifiedBody => "您可以参与社区的各项事务。", "You can take part in everything in your community.";
    HomeServiceCentre => "社区服务中心", "Community service centre";
    HomeYourRoles => "您的身份", "Your roles";
    HomeOpenConsole => "打开工作台", "Open the console";

    // Accounts
    LoginTitle => "登录", "Sign in";
    LoginIdentifier => "手机号或邮箱", "Mobile number or email";
    LoginPassword => "密码", "Password";
    LoginSubmit => "登录", "Sign in";
    LoginNoAccount => "还没有账号？", "No account yet?";
    RegisterTitle => "注册", "Create an account";
    RegisterContact => "手机号或邮箱", "Mobile number or email";
    RegisterContactHint => "中国大陆手机号可直接填写 11 位号码；境外号码请以 + 和国家代码开头。", "Mainland numbers: 11 digits. Other countries: start with + and the country code.";
    RegisterName => "称呼", "Display name";
    RegisterNameHint => "邻居看到的名字，例如“王阿姨”。", "The name neighbours see, e.g. \"Auntie Wang\".";
    RegisterPassword => "密码（至少 8 位）", "Password (at least 8 characters)";
    RegisterBuilding => "所在楼栋", "Your building";
    RegisterUnit => "单元", "Entrance (unit)";
    RegisterRoom => "门牌号", "Flat number";
    RegisterChoose => "请选择", "Please choose";
    RegisterPrivacy => "我已阅读并同意隐私说明：手机号和门牌号只给为我服务的志愿者和社工看，不会公开。", "I have read and agree to the privacy notice: my number and flat are shown only to the volunteer helping me and to staff, never publicly.";
    RegisterSubmit => "注册", "Create account";
    RegisterHaveAccount => "已有账号？", "Already registered?";
    MeTitle => "我的", "Me";
    MeProfile => "个人信息", "Profile";
    MeContact => "联系方式", "Contact";
    MeAddress => "住址", "Address";
    MeStatus => "核实状态", "Verification";
    MeLanguage => "语言", "Language";
    MeChangePassword => "修改密码", "Change password";
    MeCurrentPassword => "当前密码", "Current password";
    MeNewPassword => "新密码", "New password";
    MePasswordChanged => "密码已修改，其他设备已退出登录。", "Password changed. Other devices have been signed out.";
    MeSignOut => "退出登录", "Sign out";
    MeSignOutEverywhere => "在所有设备上退出", "Sign out everywhere";
    StatusPending => "待核实", "Pending";
    StatusVerified => "已核实", "Verified";
    StatusRejected => "未通过", "Declined";
    StatusDeleted => "已注销", "Deleted";

    // Roles
    RoleResident => "居民", "Resident";
    RoleVolunteer => "楼栋志愿者", "Building volunteer";
    RoleStaff => "社工", "Staff";
    RoleCommittee => "居委会委员", "Committee member";
    RoleAdmin => "管理员", "Admin";
    RoleStreetAdmin => "街道管理员", "Street admin";
    SubSocialManagement => "社会管理委员会", "Social management";
    SubPublicService => "公共服务委员会", "Public service";
    SubEnvironment => "环境建设委员会", "Environment construction";

    // Console
    ConsoleTitle => "工作台", "Console";
    ConsolePendingCount => "待核实居民", "Residents awaiting verification";
    ConsoleVerify => "核实居民", "Verify residents";
    ConsolePlaces => "楼栋管理", "Places";
    ConsolePeople => "人员与角色", "People and roles";
    VerifyEmpty => "没有待核实的居民。", "Nobody is waiting for verification.";
    VerifyApprove => "核实通过", "Verify";
    VerifyReject => "不通过", "Decline";
    VerifyReason => "不通过的原因（居民会看到）", "Reason (the person will see it)";
    VerifyRegistered => "注册于", "Registered";
    PlacesCommunity => "社区", "Community";
    PlacesBuilding => "楼栋", "Building";
    PlacesUnit => "单元", "Unit";
    PlacesAddCommunity => "新增社区", "Add community";
    PlacesAddBuilding => "新增楼栋", "Add building";
    PlacesAddUnit => "新增单元", "Add unit";
    PlacesNameZh => "中文名称", "Name (Chinese)";
    PlacesNameEn => "英文名称", "Name (English)";
    PlacesName => "名称", "Name";
    PeopleSearch => "按称呼、手机号或邮箱搜索", "Search by name, number or email";
    PeopleGrant => "授予角色", "Grant role";
    PeopleRevoke => "撤销", "Revoke";
    PeopleRole => "角色", "Role";
    PeopleSubCommittee => "所属委员会", "Sub-committee";
    PeopleNoResults => "没有找到。", "No one found.";
    SearchButton => "搜索", "Search";

    // Errors
    ErrUnauthenticated => "请先登录。", "Please sign in first.";
    ErrForbidden => "您没有权限进行此操作。", "You are not allowed to do this.";
    ErrNotVerified => "社区核实您的住址后才能进行此操作。", "You can do this once the community has verified your address.";
    ErrNotFound => "找不到该内容。", "This could not be found.";
    ErrInvalid => "请检查标出的内容。", "Please check the highlighted fields.";
    ErrTooMany => "尝试次数过多，请稍后再试。", "Too many attempts. Please wait a little and try again.";
    ErrBadCredentials => "手机号/邮箱或密码不正确。", "The number/email or password is not correct.";
    ErrInternal => "服务器出了点问题，请稍后再试。", "Something went wrong on our side. Please try again shortly.";
    ErrUnavailable => "系统暂时无法服务，我们正在恢复，请稍后再试。", "Jiayuan is briefly unavailable. We are bringing it back; please try again shortly.";
    ErrNetwork => "网络连接失败，请检查网络后重试。", "Could not reach the server. Check your connection and try again.";
    ErrAlreadyRegistered => "该手机号或邮箱已注册。", "This number or email is already registered.";
    ErrAlreadyDecided => "该账号已经处理过了。", "This account has already been handled.";
    ErrDuplicate => "已经存在。", "This already exists.";
    ErrCrossOrigin => "请求来源不被允许。", "Request origin not allowed.";
    FieldRequired => "此项必填。", "This is required.";
    FieldContactInvalid => "请填写有效的手机号（如 13812345678 或 +85291234567）或邮箱。", "Enter a valid mobile number (e.g. 13812345678 or +85291234567) or email.";
    FieldNameLength => "称呼需为 1–40 个字。", "The name must be 1–40 characters.";
    FieldPasswordShort => "密码至少 8 位。", "The password must have at least 8 characters.";
    FieldPasswordLong => "密码最多 128 位。", "The password can have at most 128 characters.";
    FieldPasswordWrong => "当前密码不正确。", "The current password is not correct.";
    FieldRoomInvalid => "门牌号为 1–10 位数字、字母或“-”。", "The flat number is 1–10 digits, letters or \"-\".";
    FieldChoose => "请选择一项。", "Please choose one.";
    FieldUnitMismatch => "该单元不属于所选楼栋。", "This entrance is not in the chosen building.";
    FieldReasonLength => "原因需为 2–200 个字。", "The reason must be 2–200 characters.";
    FieldPlaceName => "名称需为 1–40 个字。", "The name must be 1–40 characters.";
    FieldConsent => "请先同意隐私说明。", "Please agree to the privacy notice.";
    // Mutual aid (邻里守望 · 连心桥)
    NavHelp => "求助", "Help";
    NavVolunteer => "志愿", "Volunteer";
    HelpMyTitle => "我的求助", "My requests";
    HelpNewTitle => "发起求助", "Ask for help";
    HelpNewButton => "我要求助", "Ask for help";
    HelpNone => "您还没有发起过求助。", "You have not asked for help yet.";
    HelpCategory => "需要什么帮助", "What do you need";
    HelpUrgency => "多急", "How soon";
    HelpDescriptionLabel => "简单说明", "Short description";
    HelpDescriptionHint => "例如：腿脚不便，想请人帮忙取快递。请不要写手机号，接单志愿者能看到您的联系方式。", "E.g. \"I can't walk far, could someone pick up a parcel?\" No phone numbers here: the volunteer who takes it sees your contact.";
    HelpWindowFrom => "最早何时（可不填）", "From (optional)";
    HelpWindowTo => "最晚何时（可不填）", "Until (optional)";
    HelpSubmit => "发出求助", "Send request";
    HelpCatErrand => "跑腿代购", "Errand / shopping";
    HelpCatEscort => "陪同就医", "Escort to clinic";
    HelpCatRepair => "小修小补", "Small repair";
    HelpCatCheckIn => "探望老人", "Elderly check-in";
    HelpCatLostFound => "失物招领", "Lost & found";
    HelpCatOther => "其他", "Other";
    UrgencyUrgent => "紧急（一小时内）", "Urgent (within the hour)";
    UrgencyToday => "今天", "Today";
    UrgencyThisWeek => "本周", "This week";
    UrgencyAnytime => "不急", "Any time";
    HelpStateOpen => "等待接单", "Waiting for a volunteer";
    HelpStateClaimed => "已接单", "Taken";
    HelpStateInProgress => "进行中", "In progress";
    HelpStateResolved => "已完成", "Done";
    HelpStateCancelled => "已取消", "Cancelled";
    HelpStateExpired => "已过期", "Expired";
    HelpTimeline => "进展", "Timeline";
    HelpContact => "求助人联系方式", "Requester's contact";
    HelpVolunteer => "志愿者", "Volunteer";
    HelpViaHotline => "热线代登记", "Taken by phone (hotline)";
    HelpActClaim => "我来帮忙", "I'll help";
    HelpActAssign => "指派", "Assign";
    HelpActRelease => "放弃，交还给其他志愿者", "Hand back to other volunteers";
    HelpActStart => "开始", "Start";
    HelpActReportDone => "已帮忙完成", "Help given";
    HelpActConfirm => "确认已解决", "Confirm it's done";
    HelpActCancel => "取消求助", "Cancel request";
    HelpReleaseReason => "原因", "Reason";
    HelpMinutes => "用了多少分钟", "Minutes spent";
    HelpThank => "感谢志愿者", "Thank the volunteer";
    HelpThanksNote => "想说的话", "Your message";
    HelpRating => "评分（1–5）", "Rating (1–5)";
    HelpThanked => "已致谢", "Thanked";
    HelpDoneReported => "志愿者说已完成，请确认。72 小时内不确认将自动完成。", "The volunteer says it's done. Please confirm; otherwise it completes by itself after 72 hours.";
    HelpAlreadyClaimed => "已经有志愿者接单了。", "Another volunteer has already taken this request.";
    HelpNotAllowedNow => "当前状态下不能这样操作。", "This can't be done in the request's current state.";
    HelpEscalated => "已扩大通知范围", "Offered more widely";
    HelpEvCreated => "发起求助", "Request posted";
    HelpEvHotline => "社工通过热线代为登记（居民已同意）", "Staff took the request by phone (resident consented)";
    HelpEvClaimed => "志愿者接单", "A volunteer took it";
    HelpEvAssigned => "社工指派志愿者", "Staff assigned a volunteer";
    HelpEvReleased => "志愿者交还", "The volunteer handed it back";
    HelpEvStarted => "开始帮忙", "Help started";
    HelpEvDoneReported => "志愿者报告已完成", "The volunteer reported it done";
    HelpEvConfirmed => "确认已解决", "Confirmed done";
    HelpEvCancelled => "已取消", "Cancelled";
    HelpEvExpired => "无人接单，已过期", "Nobody took it; expired";
    HelpEvAutoResolved => "72 小时未确认，自动完成", "Completed automatically after 72 hours";
    HelpEvNeighbours => "通知邻近楼栋的志愿者", "Neighbouring buildings' volunteers told";
    HelpEvStaff => "通知社区服务中心值班社工", "Service-centre duty staff told";
    HelpEvThanked => "求助人致谢", "The requester said thank you";
    HelpSystem => "系统", "System";
    BoardTitle => "志愿者看板", "Volunteer board";
    BoardEmpty => "您的楼栋暂时没有待帮忙的求助。", "No open requests in your buildings right now.";
    BoardMine => "我接的求助", "Requests I'm helping with";
    BoardOpen => "等待帮忙", "Waiting for help";
    BoardFilterAll => "全部", "All";
    BoardOnDuty => "值班中：新求助会通知您", "On duty: you are told of new requests";
    BoardOffDuty => "休息中：不会通知您", "Off duty: you are not told";
    BoardGoOnDuty => "开始值班", "Go on duty";
    BoardGoOffDuty => "暂停值班", "Go off duty";
    BoardStats => "我的志愿记录", "My volunteering";
    BoardResolved => "已完成求助", "Requests resolved";
    BoardHours => "志愿时长（小时）", "Hours given";
    BoardNotVolunteer => "您还不是楼栋志愿者。想加入请联系社区服务中心。", "You are not a building volunteer yet. Ask the service centre to join.";
    TriageTitle => "求助分派", "Help triage";
    TriageEmpty => "没有需要跟进的求助。", "No request needs attention.";
    TriageVolunteer => "指派给", "Assign to";
    HotlineTitle => "热线代登记", "Hotline intake";
    HotlineResident => "来电居民（手机号或邮箱）", "Caller (mobile number or email)";
    HotlineConsent => "居民已在电话中同意由社工代为登记并转告志愿者", "The resident agreed on the phone that staff post this and pass on updates";
    NotifyNewHelpTitle => "新求助", "New help request";
    NotifyHelpUpdateTitle => "求助有新进展", "Your request was updated";
    NotifyEscalatedTitle => "求助无人接单", "Help request not yet taken";
    FieldDescriptionLength => "说明需为 4–500 个字。", "The description must be 4–500 characters.";
    FieldNoteLength => "最多 200 个字。", "At most 200 characters.";
    FieldRating => "请选择 1 到 5 分。", "Choose 1 to 5.";
    FieldMinutes => "请填写 1–720 分钟。", "Enter 1–720 minutes.";
    FieldWindow => "时间不正确（结束须晚于开始）。", "The times are not right (the end must be after the start).";
    FieldConsentHotline => "请确认居民已同意。", "Please confirm the resident agreed.";
    FieldNoSuchResident => "没有找到已核实的本社区居民。", "No verified resident of this community has that contact.";
    AlertsTitle => "守望提醒", "Watch alerts";
    AlertsIntro => "给邻居的简短安全提醒，例如“3 栋电梯停运”“小区出现推销诈骗”。", "Short safety notices for neighbours, e.g. \"Lift in building 3 out of order\".";
    AlertsBody => "提醒内容（最多 140 字）", "Alert (at most 140 characters)";
    AlertsWholeCommunity => "发给全社区（仅社工）", "Send to the whole community (staff only)";
    AlertsPost => "发出提醒", "Send alert";
    AlertsEmpty => "暂时没有提醒。", "No alerts at the moment.";
    AlertsReply => "回复", "Reply";
    AlertsReplyLabel => "回复内容", "Your reply";
    AlertsReport => "举报", "Report";
    AlertsReported => "已举报，社工会查看。", "Reported; staff will look at it.";
    AlertsReports => "举报次数", "Reports";
    AlertsHide => "隐藏", "Hide";
    AlertsHideReason => "隐藏原因（会记录）", "Reason for hiding (logged)";
    AlertsHidden => "已被社工隐藏", "Hidden by staff";
    AlertsBuilding => "本楼栋", "My building";
    AlertsCommunity => "全社区", "Whole community";
    NotifyAlertTitle => "守望提醒", "Watch alert";
    FieldAlertLength => "最多 140 个字。", "At most 140 characters.";
    ErrAlreadyReported => "您已经举报过了。", "You have already reported this.";
    // Notifications: inbox, devices, preferences
    NavInbox => "消息", "Inbox";
    InboxTitle => "消息", "Inbox";
    InboxEmpty => "还没有消息。求助进展、守望提醒等都会出现在这里。", "No messages yet. Updates on requests, watch alerts and more will appear here.";
    InboxUnread => "未读", "Unread";
    InboxUnreadCount => "条未读", "unread";
    InboxMarkAllRead => "全部标为已读", "Mark all as read";
    InboxOpen => "查看", "Open";
    InboxSettings => "通知设置", "Notification settings";
    InboxUrgent => "紧急", "Urgent";
    PushTitle => "通知设置", "Notifications";
    PushIntro => "消息总会出现在“消息”里。打开推送后，手机会即时提醒您。", "Every message is in your inbox. Turn on push and your phone tells you at once.";
    PushThisDevice => "本机推送", "Push on this device";
    PushEnable => "在本机开启推送", "Turn on push on this device";
    PushDisable => "在本机关闭推送", "Turn off push on this device";
    PushOn => "本机已开启推送。", "Push is on for this device.";
    PushOff => "本机尚未开启推送。", "Push is off on this device.";
    PushNeedsScript => "开启推送需要浏览器支持 JavaScript。", "Turning on push needs JavaScript in your browser.";
    PushUnsupported => "这个浏览器不支持推送。在 iPhone 上，请先把家园“添加到主屏幕”。", "This browser cannot receive push. On iPhone, add Jiayuan to the home screen first.";
    PushDenied => "通知权限被拒绝。请在浏览器的网站设置里允许通知。", "Notifications are blocked. Allow them in the browser's site settings.";
    PushFailed => "未能开启推送，请稍后再试。", "Push could not be turned on. Please try again later.";
    PushRenewed => "服务器密钥已更换，本机已重新订阅。", "The server's key changed; this device subscribed again.";
    PushDevices => "我的设备", "My devices";
    PushNoDevices => "没有设备开启推送。", "No device receives push.";
    PushDeviceAdded => "添加于", "Added";
    PushDeviceLast => "最近送达", "Last delivered";
    PushDeviceShown => "最近显示", "Last shown";
    PushDeviceRenew => "需要在该设备上重新打开家园", "Open Jiayuan on this device to renew";
    PushRemove => "移除", "Remove";
    PushTopics => "推送哪些消息", "What to push";
    PushQuiet => "免打扰时段", "Quiet hours";
    PushQuietHint => "这段时间内不推送（紧急求助和守望提醒除外），消息在结束后送达。留空表示不设。", "No pushes in this span (urgent help and watch alerts excepted); they arrive when it ends. Leave empty for none.";
    PushQuietFrom => "开始", "From";
    PushQuietUntil => "结束", "Until";
    PushSave => "保存设置", "Save settings";
    PushEndpointRefused => "这个推送地址不被接受（须为 HTTPS 的推送服务）。", "This push address is not accepted (it must be an HTTPS push service).";
    PushKeysInvalid => "推送密钥格式不正确。", "The push keys are not valid.";
    FieldQuietHours => "请填写开始和结束时间（如 22:00 和 07:00），或都留空。", "Enter both times (e.g. 22:00 and 07:00), or leave both empty.";
    TopicBuildingHelp => "我服务楼栋的新求助", "New help requests in my buildings";
    TopicMyRequests => "我的求助的进展", "Updates on my requests";
    TopicStaffHelp => "无人接单的求助（社工）", "Requests nobody took (staff)";
    TopicProposals => "我关注的微实事", "Micro-projects I follow";
    TopicAlerts => "守望提醒", "Watch alerts";
    TopicAnnouncements => "社区公告", "Announcements";
    TopicForum => "论坛里对我的回复", "Replies to me in the forum";
    NotifyCallListTitle => "紧急求助：志愿者未确认收到，请电话联系", "Urgent request: no volunteer confirmed, please phone";
    HelpEvCallListed => "志愿者手机未确认收到，已列入社工电话名单", "No volunteer's phone confirmed; put on the staff call list";
    CallListTitle => "电话名单", "Call list";
    CallListHint => "这些紧急求助发出几分钟后，没有一位志愿者的手机确认收到。请逐一致电：", "No volunteer's phone confirmed these urgent requests within minutes. Please ring them:";
    CallListOffDuty => "休息中", "off duty";
    CallListNoVolunteer => "该楼栋没有志愿者，请联系邻近楼栋。", "This building has no volunteer; call a neighbouring building's.";
    FieldMoney => "请填写金额，例如 12000 或 12000.50（元）。", "Enter an amount in yuan, e.g. 12000 or 12000.50.";
    // Micro-projects
    NavProjects => "微实事", "Projects";
    ProjectService => "服务类", "Service";
    ProjectGoods => "物品类", "Goods";
    ProjectWorks => "工程类", "Works";
    PhaseCollecting => "征集提案", "Collecting proposals";
    PhaseReview => "委员会审议", "Committee review";
    PhaseNotice => "公示", "Public notice";
    PhaseVoting => "居民投票", "Voting";
    PhaseImplementation => "项目实施", "Implementation";
    PhaseEvaluation => "验收评价", "Evaluation";
    PhaseClosed => "已结束", "Closed";
    ProposalDraft => "草稿", "Draft";
    ProposalCollecting => "征集支持中", "Collecting support";
    ProposalUnderReview => "审议中", "Under review";
    ProposalChangesRequested => "需要修改", "Changes requested";
    ProposalFeasible => "可行", "Feasible";
    ProposalUnfeasible => "不可行", "Not feasible";
    ProposalOnBallot => "投票中", "On the ballot";
    ProposalSelected => "入选", "Selected";
    ProposalNotSelected => "未入选", "Not selected";
    ProposalInProgress => "实施中", "In progress";
    ProposalDelivered => "已完工", "Delivered";
    ProposalAccepted => "已验收", "Accepted";
    ProposalWithdrawn => "已撤回", "Withdrawn";
    ProposalExpired => "未获足够支持", "Not enough support";
    ProposalEvDrafted => "起草提案", "Drafted";
    ProposalEvEdited => "修改提案", "Edited";
    ProposalEvSubmitted => "提交，开始征集支持", "Submitted; support collection started";
    ProposalEvToReview => "获得足够支持，转交委员会审议", "Reached its supports; sent to the committee";
    ProposalEvFeasible => "委员会认定可行", "Found feasible by the committee";
    ProposalEvUnfeasible => "委员会认定不可行", "Found not feasible by the committee";
    ProposalEvChanges => "委员会要求修改", "The committee asked for changes";
    ProposalEvResubmitted => "修改后重新提交", "Resubmitted with changes";
    ProposalEvWithdrawn => "提案人撤回", "Withdrawn by its author";
    ProposalEvExpired => "征集期结束，支持不足", "Support window ended short of the threshold";
    NotifyProposalToReview => "提案进入委员会审议", "A proposal goes to committee review";
    NotifyProposalFeasible => "提案被认定可行", "A proposal was found feasible";
    NotifyProposalUnfeasible => "提案被认定不可行", "A proposal was found not feasible";
    NotifyProposalChanges => "委员会请提案人修改", "The committee asks for changes";
    NotifyProposalExpired => "提案未获得足够支持", "A proposal did not get enough support";
    FieldProposalTitle => "标题需为 4–60 个字，一行。", "The title must be 4–60 characters on one line.";
    FieldProposalDescription => "说明需为 20–2000 个字。", "The description must be 20–2000 characters.";
    FieldProjectLocation => "地点需为 2–100 个字。", "The place must be 2–100 characters.";
    FieldBeneficiaries => "受益人群需为 2–100 个字。", "Who benefits must be 2–100 characters.";
    FieldCategoryNotAllowed => "本轮不接受这一类项目。", "This round does not take projects of this kind.";
    FieldCostOverCap => "金额须大于 0 且不超过本轮单个项目上限。", "The amount must be above 0 and within the round's cap per project.";
    FieldDate => "请按 2026-12-31 的格式填写日期。", "Enter a date like 2026-12-31.";
    FieldCount => "请填写范围内的整数。", "Enter a whole number in range.";
    FieldPhaseOrder => "各阶段的结束日期须从今天起依次往后。", "Each phase must end after the one before it, and after today.";
    ErrRoundAlreadyOpen => "本社区已有进行中的一轮。", "This community already has a round under way.";
    ErrNoOpenRound => "本社区目前没有进行中的一轮微实事。", "This community has no micro-project round under way.";
    ErrRoundNotCollecting => "本轮已不在征集提案阶段。", "This round no longer takes proposals.";
    ErrProposalChanged => "提案刚刚有变化，请刷新后再试。", "The proposal just changed; reload and try again.";
    ErrSupportWindowOver => "征集支持的时间已过。", "The time to support this proposal is over.";
    ErrAlreadySupported => "您已经支持过这个提案。", "You already support this proposal.";
    ProjectsTitle => "民生微实事", "Micro-projects";
    ProjectsNoRound => "本社区目前没有进行中的一轮微实事。", "There is no micro-project round in your community right now.";
    ProjectsPropose => "提出一个微实事", "Propose a micro-project";
    ProjectsEmpty => "还没有提案。", "No proposals yet.";
    ProjectsCount => "本轮提案数", "Proposals in this round:";
    ProjectsMore => "更多提案", "More proposals";
    ProjectsBudget => "本轮预算", "Round budget";
    ProjectsCostCap => "单个项目上限", "Cap per project";
    ProjectsThreshold => "需要的支持 / 期限", "Supports needed / within";
    ProjectsDays => "天", "days";
    ProjectsSupports => "人支持", "supports";
    NewProposalTitle => "提出微实事", "Propose a micro-project";
    ProposalFieldTitle => "标题", "Title";
    ProposalFieldDescription => "要做什么，为什么", "What should be done, and why";
    ProposalFieldCategory => "类别", "Kind";
    ProposalFieldLocation => "地点", "Where";
    ProposalFieldCost => "估算费用（元）", "Estimated cost (yuan)";
    ProposalFieldCostHint => "例如 12000 或 12000.50", "e.g. 12000 or 12000.50";
    ProposalFieldBeneficiaries => "受益人群", "Who benefits";
    ProposalSaveDraft => "保存草稿", "Save draft";
    ProposalActSubmit => "提交，开始征集支持", "Submit and collect support";
    ProposalActSupport => "我支持", "I support this";
    ProposalActWithdraw => "撤回提案", "Withdraw";
    ProposalActResubmit => "已修改，重新提交", "Changes made: resubmit";
    ProposalSupported => "您已支持这个提案。", "You support this proposal.";
    ProposalEvOnBallot => "公示结束，列入投票", "Public notice over; on the ballot";
    ProposalEvSelected => "投票入选", "Selected by the vote";
    ProposalEvNotSelected => "投票未入选", "Not selected by the vote";
    NotifyProposalSelected => "提案在投票中入选", "A proposal was selected by the vote";
    NotifyProposalNotSelected => "提案未在投票中入选", "A proposal was not selected by the vote";
    BallotEmpty => "请至少选择一个项目。", "Choose at least one project.";
    BallotNotOnIt => "所选项目不在本轮选票上。", "A chosen project is not on this ballot.";
    BallotOverBudget => "所选项目合计超出本轮预算，请少选一些。", "The chosen projects cost more than the budget; choose fewer.";
    ErrVotingClosed => "现在不是投票时间。", "Voting is not open now.";
    ErrNoResultsYet => "还没有投票结果。", "There are no results yet.";
    BallotTitle => "我的选票", "My ballot";
    BallotIntro => "选出您希望实施的项目，合计不超过预算。投票结束前可以修改。谁投了什么，任何人都看不到。", "Choose the projects you want done, within the budget. You can change your ballot until voting closes. Nobody can see how anyone voted.";
    BallotLeft => "剩余预算", "Money left";
    BallotSubmit => "投出选票", "Cast my ballot";
    BallotCast => "您的选票已记录。", "Your ballot is recorded.";
    BallotCloses => "投票截止", "Voting closes";
    BallotNothing => "选票上还没有项目。", "Nothing is on the ballot yet.";
    ResultsTitle => "投票结果", "Results";
    ResultsAllocated => "已分配", "Allocated";
    ResultsRemaining => "剩余", "Remaining";
    ResultsBallots => "选票（网上 / 纸质）", "Ballots (online / paper)";
    ResultsVotes => "票", "votes";
    ResultsSkipped => "预算不足，未能入选", "Not enough money left";
    PaperTitle => "录入纸质选票", "Enter a paper ballot";
    ProposalSupportCount => "支持 / 所需", "Supports / needed";
    ProposalSupportUntil => "征集支持截止", "Support until";
    ProposalEstimatedCost => "估算费用", "Estimated cost";
    ProposalReviewedCost => "审定费用", "Reviewed cost";
    ProposalRoutedTo => "审议委员会", "Reviewed by";
    ProposalReviewNote => "委员会意见", "The committee says";
    ProposalTimeline => "进展", "Timeline";
    ReviewTitle => "审议", "Review";
    ReviewDecision => "结论", "Decision";
    ReviewFeasible => "可行（填写审定费用）", "Feasible (give the reviewed cost)";
    ReviewUnfeasible => "不可行（写明理由）", "Not feasible (give the reason)";
    ReviewChanges => "请提案人修改（写明要改什么）", "Ask for changes (say what)";
    ReviewCostLabel => "审定费用（元）", "Reviewed cost (yuan)";
    ReviewNoteLabel => "理由或修改意见（提案人和支持者可见）", "Reason or changes (the author and supporters see it)";
    ReviewSubmit => "提交审议结论", "Record the decision";
    ReviewQueueTitle => "提案审议", "Proposal review";
    ReviewQueueEmpty => "没有等待您所在委员会审议的提案。", "No proposal is waiting for your sub-committee.";
    RoundNewTitle => "开启一轮微实事", "Open a micro-project round";
    RoundFieldTitle => "名称", "Name";
    RoundFieldBudget => "预算（元）", "Budget (yuan)";
    RoundFieldCap => "单个项目上限（元）", "Cap per project (yuan)";
    RoundFieldThreshold => "进入审议所需支持人数", "Supports needed for review";
    RoundFieldWindow => "征集支持天数", "Days to collect support";
    RoundFieldCategories => "接受的项目类别", "Kinds of project accepted";
    RoundFieldDates => "各阶段结束日期", "End date of each phase";
    RoundSubmit => "开启本轮", "Open the round";
    FieldCommentBody => "意见请写 2 到 1000 个字。", "Write 2 to 1000 characters.";
    FieldCommentParent => "要回复的意见不存在。", "The comment you are replying to does not exist.";
    FieldProviderName => "实施方名称请写 2 到 60 个字。", "Give the provider's name in 2 to 60 characters.";
    FieldMilestoneTitle => "节点名称请写 2 到 60 个字，一行。", "Name the milestone in 2 to 60 characters, one line.";
    FieldUpdateNote => "进展说明请写 2 到 500 个字。", "Describe the progress in 2 to 500 characters.";
    FieldPercent => "完成度是 0 到 100 之间的整数，而且不能比上次少。", "Progress is a whole number from 0 to 100, and cannot go back.";
    FieldSpent => "累计支出不能比上次少，也不能超过拨款。", "Spending so far cannot go down or exceed the allocation.";
    FieldPhotoMissing => "请选择一张照片。", "Choose a photo.";
    FieldPhotoTooLarge => "照片太大，最大 8 MB。", "The photo is too large; the limit is 8 MB.";
    FieldPhotoFormat => "无法读取这张照片，请用 JPEG、PNG 或 WebP。", "That photo could not be read; use JPEG, PNG or WebP.";
    FieldPhotoCount => "最多 4 张照片。", "At most 4 photos.";
    ErrNotInDelivery => "这个项目现在不在实施阶段。", "This project is not being delivered now.";
    ErrNotComplete => "完成度达到 100% 后才能提交验收。", "Progress must reach 100% before handing over.";
    ErrAcceptanceClosed => "现在不能验收这个项目。", "This project cannot be accepted now.";
    ErrAlreadyHidden => "这条内容已被隐藏。", "This is already hidden.";
    StanceFor => "赞成", "For";
    StanceAgainst => "反对", "Against";
    StanceQuestion => "提问", "Question";
    ProposalEvWorkStarted => "开始实施", "Work started";
    ProposalEvProgress => "进展更新", "Progress reported";
    ProposalEvDelivered => "完工，等待居民验收", "Handed over for residents' acceptance";
    ProposalEvAccepted => "居民验收通过", "Accepted by residents";
    ProposalEvReopened => "居民认为未完成，重新实施", "Residents say it is not done: work reopened";
    NotifyProjectStarted => "您关注的项目开始实施", "Work started on a project you follow";
    NotifyProjectProgress => "您关注的项目有新进展", "News on a project you follow";
    NotifyProjectDelivered => "项目已完工，请参与验收", "A project is finished: please check and accept it";
    NotifyProjectAccepted => "项目已通过居民验收", "A project was accepted by residents";
    NotifyProjectReopened => "居民认为项目未完成，已重新实施", "Residents say a project is not done; work reopened";
    NotifyNewComment => "您的提案或意见有新回复", "New comment on your proposal or comment";
    NotifyCommentHidden => "您的一条意见被隐藏", "One of your comments was hidden";
    NotifyTopicHidden => "您的论坛话题被隐藏", "Your forum topic was hidden";
    FieldTopicTitle => "标题请写 4 到 60 个字，一行。", "Give the title in 4 to 60 characters, one line.";
    ForumTitle => "居民论坛", "Residents' forum";
    ForumIntro => "和邻居聊聊社区里的事。请友善发言，不要发布他人的电话和门牌。", "Talk with neighbours about the community. Be kind, and never post anyone's phone number or flat.";
    ForumNew => "发起话题", "Start a topic";
    ForumEmpty => "还没有话题，来发起第一个吧。", "No topics yet: start the first one.";
    ForumReplies => "条回复", "replies";
    ForumTopicTitle => "标题", "Title";
    ForumTopicBody => "想说的话", "What you want to say";
    ForumPost => "发布", "Post";
    ForumMore => "更早的话题", "Older topics";
    ForumHideTopic => "隐藏这个话题", "Hide this topic";
    ForumRepliesTitle => "回复", "Replies";
    PhotosTitle => "照片", "Photos";
    PhotoAdd => "添加照片", "Add a photo";
    PhotoHint => "JPEG、PNG 或 WebP，最大 8 MB。照片中的位置等信息会被去除。", "JPEG, PNG or WebP, up to 8 MB. Location and other hidden data are removed.";
    PhotoUpload => "上传照片", "Upload photo";
    PhotoRemove => "删除这张照片", "Remove this photo";
    PhotoAlt => "照片", "Photo";
    PhotoAdded => "照片已添加。", "Photo added.";
    ProposalEdit => "修改提案", "Edit the proposal";
    ProposalSaveChanges => "保存修改", "Save changes";
    CommentsTitle => "居民讨论", "Discussion";
    CommentsEmpty => "还没有人发言。", "No one has commented yet.";
    CommentLabel => "您的意见", "Your comment";
    CommentStance => "您的立场", "Your stance";
    CommentPost => "发表", "Post";
    CommentReply => "回复", "Reply";
    CommentReplyLabel => "回复内容", "Your reply";
    CommentReport => "举报", "Report";
    CommentReported => "已举报", "Reported";
    CommentHide => "隐藏", "Hide";
    CommentHideReason => "隐藏理由（会被记录并公开显示）", "Reason for hiding (logged and shown)";
    CommentHidden => "已被管理员隐藏：", "Hidden by a moderator: ";
    CommentReports => "举报次数", "Reports";
    DeliveryTitle => "实施进度", "Delivery";
    DeliveryProvider => "实施方", "Provider";
    DeliveryProgress => "完成度", "Progress";
    DeliverySpent => "已支出 / 拨款", "Spent / allocated";
    DeliveryMilestones => "节点", "Milestones";
    DeliveryUpdates => "进展更新", "Progress updates";
    DeliveryNoUpdates => "还没有进展更新。", "No progress reported yet.";
    DeliveryStart => "开始实施", "Start the work";
    DeliveryProviderLabel => "实施方名称", "Provider's name";
    DeliveryMilestoneAdd => "添加节点", "Add a milestone";
    DeliveryMilestoneTitle => "节点名称", "Milestone";
    DeliveryMilestoneDue => "计划日期", "Due date";
    DeliveryMilestoneDone => "标记完成", "Mark done";
    DeliveryDone => "完成于", "Done";
    DeliveryDue => "计划", "Due";
    DeliveryUpdatePost => "发布进展", "Post progress";
    DeliveryPercentLabel => "完成度（%）", "Progress (%)";
    DeliverySpentLabel => "累计支出（元）", "Spent so far (yuan)";
    DeliveryNoteLabel => "做了什么", "What was done";
    DeliveryHandOver => "已完工，提交居民验收", "Finished: hand over for residents' acceptance";
    AcceptanceTitle => "居民验收", "Residents' acceptance";
    AcceptanceUntil => "验收截止", "Acceptance closes";
    AcceptanceCounts => "通过 / 未完成", "Accepted / not done";
    AcceptanceNeeded => "提前定论人数", "Verdicts that decide early";
    AcceptanceAccept => "验收通过", "Accept: it is done";
    AcceptanceRating => "给实施方打分（1–5，可不填）", "Rate the provider (1–5, optional)";
    AcceptanceNotDone => "还没真正完成", "Not really done";
    AcceptanceComment => "哪里没有完成（选择“还没真正完成”时必填）", "What is not done (needed if you say not done)";
    AcceptanceSubmit => "提交验收意见", "Send my verdict";
    AcceptanceMineYes => "您已验收通过，截止前可以改。", "You accepted it; you can change this until it closes.";
    AcceptanceMineNo => "您认为还没完成，截止前可以改。", "You said it is not done; you can change this until it closes.";
    AcceptanceObjections => "居民指出的问题", "What residents say is not done";
    LedgerTitle => "资金账目", "Ledger";
    LedgerBudget => "预算", "Budget";
    LedgerSpent => "已支出", "Spent";
    LedgerUnspent => "已分配未支出", "Allocated, not yet spent";
    LedgerProject => "项目", "Project";
    LedgerProviders => "实施方评分", "Provider ratings";
    LedgerNoRatings => "暂无评分", "No ratings yet";
    LedgerRatings => "条评分", "ratings";
    ProjectsLedgerLink => "资金账目", "Ledger";
    ProjectsResultsLink => "投票结果", "Results";
    ProjectsEndPhase => "提前结束当前阶段", "End the current phase now";
    ProjectsEndPhaseHint => "委员会提前完成某一阶段时使用，所有居民都会看到新的阶段。", "For when the committee finishes a phase early; everyone sees the new phase.";
    PaperIntro => "录入一张入户收集的纸质选票，每张只录一次。纸质选票在结果中单独计数。", "Enter one paper ballot collected door to door, once each. Paper ballots are counted separately in the results.";
    PaperSubmit => "录入这张选票", "Record this ballot";
    PaperRecorded => "纸质选票已录入。", "Paper ballot recorded.";
    NotFoundTitle => "页面不存在", "Page not found";
    NotFoundBody => "您要找的页面不存在或已移动。", "The page you are looking for does not exist or has moved.";
    NotFoundHome => "回到首页", "Back to home";
    ErrorTitle => "出错了", "Something went wrong";
    TopicStaffServices => "新的服务申请（社工）", "New service requests (staff)";
    SvcStateSubmitted => "已提交", "Submitted";
    SvcStateAccepted => "已受理", "Accepted";
    SvcStateInProgress => "办理中", "In progress";
    SvcStateDone => "已办结", "Done";
    SvcStateDeclined => "未受理", "Declined";
    SvcStateWithdrawn => "已撤回", "Withdrawn";
    SvcAccept => "受理", "Accept";
    SvcStart => "开始办理", "Start";
    SvcComplete => "办结", "Mark done";
    SvcDecline => "不予受理", "Decline";
    SvcWithdraw => "撤回申请", "Withdraw my request";
    FieldQuarter => "季度格式应为 2026Q4。", "A quarter looks like 2026Q4.";
    FieldServiceDetails => "请用 5 到 500 个字说明需要什么帮助。", "Say what you need in 5 to 500 characters.";
    FieldServiceName => "名称应为 2 到 40 个字，且只有一行。", "The name should be 2 to 40 characters on one line.";
    FieldServiceSummary => "介绍应为 10 到 500 个字。", "The description should be 10 to 500 characters.";
    FieldAnnouncementTitle => "标题应为 4 到 60 个字，且只有一行。", "The title should be 4 to 60 characters on one line.";
    FieldAnnouncementBody => "正文应为 10 到 5000 个字。", "The text should be 10 to 5,000 characters.";
    ErrServiceAlreadyOpen => "您已经申请过这项服务，正在办理中。可以在下方查看进度。", "You already have a request for this service in progress; see it below.";
    ErrServiceNotNow => "这项申请的状态已经变了，请刷新后再试。", "This request has moved on; reload and try again.";
    ErrServiceNotDone => "办结之后才能评价。", "You can rate it once it is done.";
    ErrAlreadyRated => "您已经评价过了。", "You have already rated this.";
    NotifyServiceNew => "新的服务申请", "New service request";
    NotifyServiceMoved => "点击查看您的申请。", "Tap to see your request.";
    CsvQuarter => "季度", "Quarter";
    CsvService => "服务项目", "Service";
    CsvCount => "评价数", "Ratings";
    CsvAverage => "平均分", "Average";
    CsvPrevious => "上季度平均分", "Previous quarter's average";
    CsvLowest => "最低分评价", "Lowest-rated comments";
    CsvSubmitted => "提交时间", "Submitted";
    CsvRequester => "申请人", "Requester";
    CsvState => "状态", "State";
    CsvDetails => "说明", "Details";
    CsvRating => "评分", "Rating";
    CsvName => "称呼", "Name";
    CsvContact => "联系方式（已隐去部分）", "Contact (masked)";
    CsvBuilding => "楼栋", "Building";
    CsvRegistered => "注册时间", "Registered";
    CsvStatus => "核验状态", "Verification";
    CsvCommunity => "社区", "Community";
    CsvRoles => "角色", "Roles";
    CsvPosted => "求助时间", "Posted";
    CsvCategory => "类别", "Category";
    CsvUrgency => "紧急程度", "Urgency";
    CsvEscalation => "升级级别", "Escalation level";
    CsvCallListed => "已列入电话名单", "On the call list";
    Yes => "是", "yes";
    No => "否", "no";
    TriageSearch => "按说明或求助人称呼搜索", "Search by description or requester's name";
    OfflineBanner => "离线：这是您上次打开时的内容，恢复网络后会自动更新。", "Offline: this is the page as you last opened it; it updates when you are back online.";
    InstallTitle => "把家园放到手机桌面", "Put Jiayuan on your home screen";
    InstallHint => "以后像普通应用一样从桌面打开；没有网络时，最近看过的页面也能查看。", "Open it from your home screen like any app; pages you viewed lately still open without a connection.";
    InstallButton => "添加到桌面", "Add to home screen";
    OutboxWaiting => "{n} 项内容保存在手机上，等待网络恢复后发送", "{n} item(s) saved on this phone, waiting to send";
    OutboxSent => "保存在手机上的内容已经发出。", "What was saved on this phone has been sent.";
    MeDataTitle => "我的数据", "My data";
    MeDataBody => "下载您在家园填写过的全部内容：资料、求助、提案、评论、服务申请等，一个 JSON 文件。", "Download everything you have entered in Jiayuan — profile, requests, proposals, comments, service requests — as one JSON file.";
    MeDataDownload => "下载我的数据", "Download my data";
    MeDeleteTitle => "注销账户", "Delete my account";
    MeDeleteBody => "注销后您将无法再登录。您的手机号、邮箱、门牌和密码会被删除，收件箱和设备一并清除；未完成的求助和服务申请会被撤回。为了邻居的讨论完整，您发过的求助、提案和评论会保留，但署名改为“已注销”。", "After deletion you cannot sign in again. Your number, email, flat and password are erased, with your inbox and devices; open requests are withdrawn. So that neighbours' discussions stay whole, your requests, proposals and comments remain, signed \"deleted\".";
    MeDeleteConfirm => "我明白注销后无法恢复", "I understand this cannot be undone";
    MeDeleteButton => "注销我的账户", "Delete my account";
    FieldConfirmDelete => "请勾选确认。", "Please tick to confirm.";
    ElderlyTitle => "长辈模式", "Senior mode";
    ElderlyBody => "字更大、按钮更大，首页只留最常用的三件事：求助、我的求助、打电话给服务中心。", "Larger text and buttons, and a home page with the three things used most: ask for help, my requests, call the service centre.";
    ElderlyTurnOn => "打开长辈模式", "Turn on senior mode";
    ElderlyTurnOff => "关闭长辈模式", "Turn off senior mode";
    ElderlyAskHelp => "我要求助", "I need help";
    ElderlyMyRequests => "我的求助", "My requests";
    ElderlyCall => "打电话给服务中心", "Call the service centre";
    ElderlyMore => "更多功能和设置", "More and settings";
    PagerLabel => "翻页", "Pages";
    ListMatching => "条符合", "matching";
    ListSearch => "搜索", "Search";
    ServicesTitle => "社区服务", "Community services";
    ServicesIntro => "社区服务中心的服务项目。在网上申请，随时查看进度，办完后请给我们评分。", "The service centre's services. Ask online, follow your request, and rate it when it is done.";
    ServicesMine => "我的服务申请", "My service requests";
    ServicesAdd => "新增服务项目", "Add a service";
    ServicesEdit => "修改服务项目", "Edit this service";
    ServicesInactive => "已暂停", "Paused";
    ServicesRequested => "申请已提交，社工会尽快联系您。", "Request sent. A social worker will contact you soon.";
    ServicesRequest => "申请这项服务", "Ask for this service";
    ServicesDetails => "需要什么帮助", "What you need";
    ServicesDetailsHint => "说明事情和方便的时间，不用写电话，社工能看到您登记的联系方式。", "Say what and when suits you. No need to write your phone number: the social worker sees the one you registered.";
    ServicesSend => "提交申请", "Send request";
    ServicesDeclinedBecause => "未受理原因：", "Declined because: ";
    ServicesYourRating => "您的评价", "Your rating";
    ServicesRate => "给这次服务打分", "Rate this service";
    ServicesRateComment => "说说感受（选填）", "Your comments (optional)";
    ServicesRateSend => "提交评价", "Send rating";
    ServicesNameZh => "名称（中文）", "Name (Chinese)";
    ServicesNameEn => "名称（英文）", "Name (English)";
    ServicesEnOptional => "不填则显示中文。", "Left empty, the Chinese is shown.";
    ServicesSummaryZh => "介绍（中文）", "Description (Chinese)";
    ServicesSummaryEn => "介绍（英文，选填）", "Description (English, optional)";
    ServicesActive => "对居民开放申请", "Open for requests";
    ServicesSave => "保存", "Save";
    ServiceQueueTitle => "服务申请", "Service requests";
    ServiceQueueState => "状态", "State";
    ServiceQueueOpen => "待处理（全部）", "Open (all)";
    ServiceQueueSearch => "搜索居民、服务或内容", "Search person, service or text";
    ServiceQueueFilter => "筛选", "Filter";
    ServiceQueueEmpty => "没有符合条件的申请。", "No requests match.";
    ServiceQueueDeclineReason => "原因（居民会看到）", "Reason (the resident sees it)";
    PagePrevious => "上一页", "Previous page";
    PageNext => "下一页", "Next page";
    SupervisionTitle => "服务监督", "Service supervision";
    SupervisionIntro => "居委会按季度查看社区服务中心各服务项目的居民评价。", "The residents' committee reviews residents' ratings of each service, quarter by quarter.";
    SupervisionTrend => "较上季度", "vs last quarter";
    SupervisionLowest => "评分最低的意见", "Lowest-rated comments";
    SupervisionNoneLow => "本季度没有 3 分及以下的评价。", "No ratings of 3 stars or fewer this quarter.";
    ChartNoData => "暂无数据", "No data yet";
    ExportCsv => "导出 CSV", "Export CSV";
    DashOpenHelp => "待接单求助", "Help requests not taken";
    DashEscalated => "已升级到社工", "Escalated to staff";
    DashOverdue => "已超时", "Overdue";
    DashAwaitingReview => "待审核项目", "Proposals awaiting review";
    DashOpenServices => "待办服务申请", "Open service requests";
    ChartHelpPerWeek => "每周求助数（按紧急程度）", "Help requests per week, by urgency";
    ChartMedianClaim => "接单用时中位数（每周）", "Median time to claim, per week";
    ChartMinutes => "分钟", "Minutes";
    ChartMinutesUnit => "分钟", "min";
    ChartVolunteerActivity => "志愿者每周完成的求助", "Requests volunteers completed, per week";
    ChartProposalsByState => "微实事项目（按状态）", "Micro-projects by state";
    ChartProposals => "项目", "Proposals";
    ChartServiceRatings => "服务评分分布", "Service ratings";
    AuditTitle => "操作日志", "Audit log";
    ErrIssuePublished => "这一期已经发布，不能再修改。", "This issue is published and can no longer change.";
    ErrIssueEmpty => "至少要有一篇文章才能发布。", "Add at least one article before publishing.";
    NotifyMagazine => "新一期《家园》出版了", "A new issue of Jiayuan is out";
    MagazineTitle => "《家园》社区季刊", "Jiayuan quarterly";
    MagazineIntro => "社区服务中心每季度编一期，讲社区里的人和事。", "The service centre's quarterly magazine about the people and happenings of the community.";
    MagazineStart => "编一期新刊", "Start a new issue";
    MagazineEmpty => "还没有出版的刊物。", "No issues published yet.";
    MagazineDraft => "编辑中", "Draft";
    MagazineArticles => "篇文章", "articles";
    MagazineIssueTitle => "刊名", "Issue title";
    MagazineIssueIntro => "卷首语", "Editor's note";
    MagazineContents => "目录", "Contents";
    MagazineAddArticle => "添加文章", "Add an article";
    MagazineArticleTitle => "文章标题", "Article title";
    MagazineByline => "作者", "Byline";
    MagazineArticleBody => "正文", "Text";
    MagazinePublish => "发布这一期", "Publish this issue";
    FieldOrgName => "名称应为 2 到 40 个字，且只有一行。", "The name should be 2 to 40 characters on one line.";
    FieldOrgPurpose => "请用 10 到 1000 个字介绍组织。", "Describe the organisation in 10 to 1,000 characters.";
    ErrOrgNameTaken => "本社区已有同名的组织。", "An organisation of this community already has this name.";
    ErrOrgNotNow => "这份备案的状态已经变了，请刷新后再试。", "This filing has moved on; reload and try again.";
    ErrAlreadyMember => "您已经是成员了。", "You are already a member.";
    OrgKindOwners => "业主委员会", "Owners' committee";
    OrgKindCulture => "文体类", "Culture and sports";
    OrgKindService => "服务类", "Service";
    OrgStateFiled => "备案审核中", "Filed, under review";
    OrgStateApproved => "已备案", "Registered";
    OrgStateReturned => "已退回", "Returned";
    OrgsTitle => "社区社会组织", "Community organisations";
    OrgsIntro => "居民自发成立的组织：向居委会备案后列入名录，邻居可以加入。", "Groups residents run themselves: once registered with the residents' committee they are listed here and neighbours can join.";
    OrgsMembers => "名成员", "members";
    OrgsToReview => "待审核的备案", "Filings to review";
    OrgsMine => "我提交的备案", "My filings";
    OrgsFile => "备案一个组织", "Register an organisation";
    OrgsDirectory => "组织名录", "Directory";
    OrgsEmpty => "还没有已备案的组织。", "No registered organisations yet.";
    OrgsName => "组织名称", "Name";
    OrgsKind => "类型", "Type";
    OrgsPurpose => "组织介绍", "About it";
    OrgsPurposeHint => "做什么、多久活动一次、谁可以加入。您会作为联系人。", "What it does, how often it meets, who may join. You will be its contact person.";
    OrgsSubmit => "提交备案", "File for registration";
    OrgsContact => "联系人", "Contact person";
    OrgsReturnedBecause => "退回原因：", "Returned because: ";
    OrgsJoin => "加入这个组织", "Join";
    OrgsYouAreMember => "您是这个组织的成员。", "You are a member.";
    OrgsLeave => "退出组织", "Leave";
    OrgsDecide => "居委会审核", "Committee decision";
    OrgsApprove => "同意备案", "Approve";
    OrgsReturn => "退回修改", "Return for changes";
    OrgsReturnReason => "需要修改什么（联系人会看到）", "What to change (the contact person sees it)";
    OrgsRefile => "修改后重新提交", "Change it and file again";
    FieldAuditAction => "没有这种操作类型。", "No such action.";
    AuditIntro => "员工、委员和管理员对人员和内容的每一次操作。日志不能在应用中修改。", "Every action staff, committee members and admins took on people and content. Entries cannot be changed in the app.";
    AuditWhen => "时间", "When";
    AuditActor => "操作人", "Who";
    AuditAction => "操作", "Action";
    AuditObject => "对象", "Object";
    AuditCommunity => "社区", "Community";
    AuditReason => "原因", "Reason";
    AuditAllActions => "全部操作", "All actions";
    AuditFrom => "从", "From";
    AuditTo => "到", "To";
    AuditEmpty => "没有符合条件的记录。", "No entries match.";
    FieldAudience => "请选择有效的发送范围。", "Choose who it is for.";
    AnnouncementsTitle => "社区公告", "Announcements";
    AnnouncementsPublish => "发布公告", "Publish an announcement";
    AnnouncementsEmpty => "暂时没有公告。", "No announcements yet.";
    AnnouncementsPinned => "置顶", "Pinned";
    AnnouncementsEveryone => "全社区", "Whole community";
    AnnouncementsPin => "置顶", "Pin to the top";
    AnnouncementsUnpin => "取消置顶", "Unpin";
    AnnouncementsProgress => "发送进度", "Sending progress";
    AnnouncementsRecipients => "发送对象", "Addressed to";
    AnnouncementsReached => "已处理", "Processed";
    AnnouncementsDevicesSent => "已推送到手机", "Pushed to devices";
    AnnouncementsDevicesQueued => "等待推送", "Devices waiting";
    AnnouncementsInboxOnly => "仅站内消息（无设备或已关闭）", "Inbox only (no device, or muted)";
    AnnouncementsRefresh => "刷新进度", "Refresh";
    AnnouncementsFieldTitle => "标题", "Title";
    AnnouncementsFieldBody => "正文", "Text";
    AnnouncementsAudience => "发给", "Send to";
    AnnouncementsPinIt => "置顶这条公告", "Pin it to the top";
    AnnouncementsPushIt => "同时推送给每位居民（站内消息和手机通知）", "Also send it to every resident (inbox and phone)";
    // Two-step sign-in (staff)
    ErrSignInAgain => "这次登录已过期，请重新输入密码。", "This sign-in has expired. Please enter your password again.";
    FieldCodeWrong => "验证码不对。请输入验证器应用上现在显示的6位数字。", "That code is not right. Type the 6 digits your authenticator app shows now.";
    LoginCodeTitle => "输入验证码", "Enter your code";
    LoginCodeIntro => "密码正确。请打开手机上的验证器应用，输入“家园”这一项现在显示的6位数字。", "Your password is right. Open the authenticator app on your phone and type the 6 digits it shows for Jiayuan.";
    LoginCodeLabel => "6位验证码", "6-digit code";
    LoginCodeSubmit => "验证并登录", "Check and sign in";
    LoginCodeLost => "手机丢了或换了？请街道管理员为你重置两步验证。", "Lost or changed your phone? Ask the street admin to reset your two-step sign-in.";
    LoginStartOver => "重新登录", "Start again";
    TwoStepTitle => "两步验证", "Two-step sign-in";
    TwoStepIntro => "开启后，登录时除了密码，还要输入手机验证器应用上的6位数字。别人即使知道你的密码，也进不了管理后台。", "Once on, signing in asks for the 6 digits from an authenticator app on your phone as well as your password. Someone who learns your password still cannot open the console.";
    TwoStepIsOn => "两步验证已开启。", "Two-step sign-in is on.";
    TwoStepIsOff => "两步验证未开启。", "Two-step sign-in is off.";
    TwoStepRequiredNote => "街道要求员工、委员和管理员使用两步验证。", "The street requires two-step sign-in for staff, committee members and admins.";
    TwoStepStart => "开始设置", "Set it up";
    TwoStepScan => "1. 用验证器应用（如 Microsoft Authenticator、Google 身份验证器或 1Password）扫描这个二维码。", "1. Scan this code with an authenticator app (such as Microsoft Authenticator, Google Authenticator or 1Password).";
    TwoStepManual => "无法扫码时，在应用里手动输入这个密钥：", "If you cannot scan it, type this key into the app:";
    TwoStepConfirmLabel => "2. 输入应用现在显示的6位数字", "2. Type the 6 digits the app shows now";
    TwoStepConfirm => "开启两步验证", "Turn on two-step sign-in";
    TwoStepOffLabel => "输入密码以关闭", "Your password, to turn it off";
    TwoStepOff => "关闭两步验证", "Turn off two-step sign-in";
    TwoStepAlreadyOn => "两步验证已经开启。", "Two-step sign-in is already on.";
    TwoStepNotOn => "此人没有开启两步验证。", "This person does not use two-step sign-in.";
    TwoStepTurnedOn => "两步验证已开启，其他设备已退出登录。", "Two-step sign-in is on. Other devices have been signed out.";
    TwoStepTurnedOff => "两步验证已关闭。", "Two-step sign-in is off.";
    TwoStepRequiredStays => "街道要求使用两步验证，不能关闭。", "The street requires two-step sign-in, so it cannot be turned off.";
    TwoStepEnrolFirst => "请先为自己开启两步验证，再要求所有员工使用。", "Turn on two-step sign-in for yourself before requiring it of all staff.";
    TwoStepDue => "街道要求员工使用两步验证。设置好之前，管理后台暂时关闭。", "The street requires two-step sign-in for staff. The console stays closed until you set it up.";
    TwoStepSetUpNow => "现在设置", "Set it up now";
    TwoStepRule => "员工两步验证", "Two-step sign-in for staff";
    TwoStepRuleRequire => "要求员工、委员和管理员登录时使用两步验证", "Require two-step sign-in for staff, committee members and admins";
    TwoStepRuleSave => "保存", "Save";
    TwoStepRequired => "要求", "Required";
    TwoStepOptional => "自愿", "Optional";
    TwoStepRuleOn => "已要求员工使用两步验证。", "Two-step sign-in is now required for staff.";
    TwoStepRuleOff => "两步验证改为自愿。", "Two-step sign-in is now optional.";
    TwoStepReset => "重置两步验证", "Reset two-step sign-in";
    TwoStepResetDone => "已重置两步验证，此人已在所有设备退出登录。", "Two-step sign-in was reset and the person signed out everywhere.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_prefers_highest_quality() {
        assert_eq!(Locale::from_accept_language("en-US,en;q=0.9,zh-CN;q=0.8"), Some(Locale::En));
        assert_eq!(Locale::from_accept_language("fr;q=1, zh-TW;q=0.5, en;q=0.4"), Some(Locale::Zh));
        assert_eq!(Locale::from_accept_language("fr, de"), None);
    }

    #[test]
    fn every_key_has_a_non_empty_text_in_both_languages() {
        for key in Key::ALL {
            for locale in Locale::ALL {
                assert!(!key.text(locale).trim().is_empty(), "{key:?} is empty in {locale:?}");
            }
        }
    }
}
