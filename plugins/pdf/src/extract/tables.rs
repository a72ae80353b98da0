//! Generated tables: the Adobe Glyph List (glyph name to UTF-16 code unit) and the standard
//! single-byte encodings of PDF 32000-1 Annex D, taken from `lopdf` (MIT) `src/encodings/`;
//! the ZapfDingbats encoding and glyph names (from Adobe's zapfdingbats.txt) and the CFF
//! standard strings (Adobe TN 5176 appendix A), at the end.
//! Regenerate rather than edit by hand. The name tables are [`NameTable`]s and
//! [`StringTable`]s: their text in one literal, so they hold no pointers of their own (no
//! load-time relocations, nothing copied into each process). Their `ends` must stay in step
//! with the literal: the tests of `packed.rs` check order, offsets and lookups of every entry.

use super::packed::{NameTable, StringTable};

/// Glyph names and their Unicode code unit, sorted by name bytes for binary search.
pub(crate) static GLYPH_NAMES: NameTable = NameTable {
    names:
        "AAEAEacuteAEmacronAEsmallAacuteAacutesmallAbreveAbreveacuteAbrevecyrillicAbrevedotbelow\
        AbrevegraveAbrevehookaboveAbrevetildeAcaronAcircleAcircumflexAcircumflexacute\
        AcircumflexdotbelowAcircumflexgraveAcircumflexhookaboveAcircumflexsmallAcircumflextilde\
        AcuteAcutesmallAcyrillicAdblgraveAdieresisAdieresiscyrillicAdieresismacronAdieresissmall\
        AdotbelowAdotmacronAgraveAgravesmallAhookaboveAiecyrillicAinvertedbreveAlphaAlphatonos\
        AmacronAmonospaceAogonekAringAringacuteAringbelowAringsmallAsmallAtildeAtildesmall\
        AybarmenianBBcircleBdotaccentBdotbelowBecyrillicBenarmenianBetaBhookBlinebelowBmonospace\
        BrevesmallBsmallBtopbarCCaarmenianCacuteCaronCaronsmallCcaronCcedillaCcedillaacute\
        CcedillasmallCcircleCcircumflexCdotCdotaccentCedillasmallChaarmenianCheabkhasiancyrillic\
        ChecyrillicChedescenderabkhasiancyrillicChedescendercyrillicChedieresiscyrillic\
        CheharmenianChekhakassiancyrillicCheverticalstrokecyrillicChiChookCircumflexsmall\
        CmonospaceCoarmenianCsmallDDZDZcaronDaarmenianDafricanDbarDcaronDcedillaDcircle\
        DcircumflexbelowDcroatDdotaccentDdotbelowDecyrillicDeicopticDeltaDeltagreekDhookDieresis\
        DieresisAcuteDieresisGraveDieresissmallDigammagreekDjecyrillicDlinebelowDmonospace\
        DotaccentsmallDslashDsmallDtopbarDzDzcaronDzeabkhasiancyrillicDzecyrillicDzhecyrillicE\
        EacuteEacutesmallEbreveEcaronEcedillabreveEcharmenianEcircleEcircumflexEcircumflexacute\
        EcircumflexbelowEcircumflexdotbelowEcircumflexgraveEcircumflexhookaboveEcircumflexsmall\
        EcircumflextildeEcyrillicEdblgraveEdieresisEdieresissmallEdotEdotaccentEdotbelow\
        EfcyrillicEgraveEgravesmallEharmenianEhookaboveEightromanEinvertedbreveEiotifiedcyrillic\
        ElcyrillicElevenromanEmacronEmacronacuteEmacrongraveEmcyrillicEmonospaceEncyrillic\
        EndescendercyrillicEngEnghecyrillicEnhookcyrillicEogonekEopenEpsilonEpsilontonos\
        ErcyrillicEreversedEreversedcyrillicEscyrillicEsdescendercyrillicEshEsmallEtaEtarmenian\
        EtatonosEthEthsmallEtildeEtildebelowEuroEzhEzhcaronEzhreversedFFFIsmallFFLsmallFFsmall\
        FIsmallFLsmallFcircleFdotaccentFeharmenianFeicopticFhookFitacyrillicFiveromanFmonospace\
        FourromanFsmallGGBsquareGacuteGammaGammaafricanGangiacopticGbreveGcaronGcedillaGcircle\
        GcircumflexGcommaaccentGdotGdotaccentGecyrillicGermandblsGermandbls2Germandblssmall\
        GhadarmenianGhemiddlehookcyrillicGhestrokecyrillicGheupturncyrillicGhookGimarmenian\
        GjecyrillicGmacronGmonospaceGraveGravesmallGsmallGsmallhookGstrokeHH18533H18543H18551\
        H22073HPsquareHaabkhasiancyrillicHadescendercyrillicHardsigncyrillicHbarHbrevebelow\
        HcedillaHcircleHcircumflexHdieresisHdotaccentHdotbelowHmonospaceHoarmenianHoricoptic\
        HsmallHungarumlautHungarumlautsmallHzsquareIIAcyrillicIJIUcyrillicIacuteIacutesmall\
        IbreveIcaronIcircleIcircumflexIcircumflexsmallIcyrillicIdblgraveIdieresisIdieresisacute\
        IdieresiscyrillicIdieresissmallIdotIdotaccentIdotbelowIebrevecyrillicIecyrillicIfractur\
        IfrakturIgraveIgravesmallIhookaboveIicyrillicIinvertedbreveIishortcyrillicImacron\
        ImacroncyrillicImonospaceIniarmenianIocyrillicIogonekIotaIotaafricanIotadieresis\
        IotatonosIsmallIstrokeItildeItildebelowIzhitsacyrillicIzhitsadblgravecyrillicJJaarmenian\
        JcircleJcircumflexJecyrillicJheharmenianJmonospaceJsmallKKBsquareKKsquare\
        KabashkircyrillicKacuteKacyrillicKadescendercyrillicKahookcyrillicKappaKastrokecyrillic\
        KaverticalstrokecyrillicKcaronKcedillaKcircleKcommaaccentKdotbelowKeharmenianKenarmenian\
        KhacyrillicKheicopticKhookKjecyrillicKlinebelowKmonospaceKoppacyrillicKoppagreek\
        KsicyrillicKsmallLLJLLLacuteLambdaLcaronLcedillaLcircleLcircumflexbelowLcommaaccentLdot\
        LdotaccentLdotbelowLdotbelowmacronLiwnarmenianLjLjecyrillicLlinebelowLmonospaceLslash\
        LslashsmallLsmallMMBsquareMacronMacronsmallMacuteMcircleMdotaccentMdotbelowMenarmenian\
        MmonospaceMsmallMturnedMuNNJNacuteNcaronNcedillaNcircleNcircumflexbelowNcommaaccent\
        NdotaccentNdotbelowNgNhookleftNineromanNjNjecyrillicNlinebelowNmonospaceNowarmenian\
        NsmallNtildeNtildesmallNuOOEOEsmallOacuteOacutesmallObarredcyrillic\
        ObarreddieresiscyrillicObreveOcaronOcenteredtildeOcircleOcircumflexOcircumflexacute\
        OcircumflexdotbelowOcircumflexgraveOcircumflexhookaboveOcircumflexsmallOcircumflextilde\
        OcyrillicOdblacuteOdblgraveOdieresisOdieresiscyrillicOdieresissmallOdotbelowOgoneksmall\
        OgraveOgravesmallOharmenianOhmOhookaboveOhornOhornacuteOhorndotbelowOhorngrave\
        OhornhookaboveOhorntildeOhungarumlautOiOinvertedbreveOmacronOmacronacuteOmacrongrave\
        OmegaOmegacyrillicOmegagreekOmegaroundcyrillicOmegatitlocyrillicOmegatonosOmicron\
        OmicrontonosOmonospaceOneromanOogonekOogonekmacronOopenOslashOslashacuteOslashsmall\
        OsmallOstrokeacuteOtcyrillicOtildeOtildeacuteOtildedieresisOtildesmallPPacutePcircle\
        PdotaccentPecyrillicPeharmenianPemiddlehookcyrillicPhiPhookPiPiwrarmenianPmonospacePsi\
        PsicyrillicPsmallQQcircleQmonospaceQsmallRRaarmenianRacuteRcaronRcedillaRcircle\
        RcommaaccentRdblgraveRdotaccentRdotbelowRdotbelowmacronReharmenianRfracturRfrakturRho\
        RingsmallRinvertedbreveRlinebelowRmonospaceRsmallRsmallinvertedRsmallinvertedsuperiorS\
        SF010000SF020000SF030000SF040000SF050000SF060000SF070000SF080000SF090000SF100000SF110000\
        SF190000SF200000SF210000SF220000SF230000SF240000SF250000SF260000SF270000SF280000SF360000\
        SF370000SF380000SF390000SF400000SF410000SF420000SF430000SF440000SF450000SF460000SF470000\
        SF480000SF490000SF500000SF510000SF520000SF530000SF540000SSSSsmallSacuteSacutedotaccent\
        SampigreekScaronScarondotaccentScaronsmallScedillaSchwaSchwacyrillic\
        SchwadieresiscyrillicScircleScircumflexScommaaccentSdotaccentSdotbelowSdotbelowdotaccent\
        SeharmenianSevenromanShaarmenianShacyrillicShchacyrillicSheicopticShhacyrillic\
        ShimacopticSigmaSixromanSmonospaceSoftsigncyrillicSsmallStigmagreekTTauTbarTcaron\
        TcedillaTcircleTcircumflexbelowTcommaaccentTdotaccentTdotbelowTecyrillic\
        TedescendercyrillicTenromanTetsecyrillicThetaThookThornThornsmallThreeromanTildesmall\
        TiwnarmenianTlinebelowTmonospaceToarmenianTonefiveTonesixTonetwoTretroflexhook\
        TsecyrillicTshecyrillicTsmallTwelveromanTworomanUUacuteUacutesmallUbreveUcaronUcircle\
        UcircumflexUcircumflexbelowUcircumflexsmallUcyrillicUdblacuteUdblgraveUdieresis\
        UdieresisacuteUdieresisbelowUdieresiscaronUdieresiscyrillicUdieresisgraveUdieresismacron\
        UdieresissmallUdotbelowUgraveUgravesmallUhookaboveUhornUhornacuteUhorndotbelowUhorngrave\
        UhornhookaboveUhorntildeUhungarumlautUhungarumlautcyrillicUinvertedbreveUkcyrillic\
        UmacronUmacroncyrillicUmacrondieresisUmonospaceUogonekUpsilonUpsilon1\
        UpsilonacutehooksymbolgreekUpsilonafricanUpsilondieresisUpsilondieresishooksymbolgreek\
        UpsilonhooksymbolUpsilontonosUringUshortcyrillicUsmallUstraightcyrillic\
        UstraightstrokecyrillicUtildeUtildeacuteUtildebelowVVcircleVdotbelowVecyrillic\
        VewarmenianVhookVmonospaceVoarmenianVsmallVtildeWWacuteWcircleWcircumflexWdieresis\
        WdotaccentWdotbelowWgraveWmonospaceWsmallXXcircleXdieresisXdotaccentXeharmenianXi\
        XmonospaceXsmallYYacuteYacutesmallYatcyrillicYcircleYcircumflexYdieresisYdieresissmall\
        YdotaccentYdotbelowYericyrillicYerudieresiscyrillicYgraveYhookYhookaboveYiarmenian\
        YicyrillicYiwnarmenianYmonospaceYsmallYtildeYusbigcyrillicYusbigiotifiedcyrillic\
        YuslittlecyrillicYuslittleiotifiedcyrillicZZaarmenianZacuteZcaronZcaronsmallZcircle\
        ZcircumflexZdotZdotaccentZdotbelowZecyrillicZedescendercyrillicZedieresiscyrillicZeta\
        ZhearmenianZhebrevecyrillicZhecyrillicZhedescendercyrillicZhedieresiscyrillicZlinebelow\
        ZmonospaceZsmallZstrokeaaabengaliaacuteaadevaaagujaratiaagurmukhiaamatragurmukhi\
        aarusquareaavowelsignbengaliaavowelsigndevaaavowelsigngujaratiabbreviationmarkarmenian\
        abbreviationsigndevaabengaliabopomofoabreveabreveacuteabrevecyrillicabrevedotbelow\
        abrevegraveabrevehookaboveabrevetildeacaronacircleacircumflexacircumflexacute\
        acircumflexdotbelowacircumflexgraveacircumflexhookaboveacircumflextildeacute\
        acutebelowcmbacutecmbacutecombacutedevaacutelowmodacutetonecmbacyrillicadblgrave\
        addakgurmukhiadevaadieresisadieresiscyrillicadieresismacronadotbelowadotmacronaeaeacute\
        aekoreanaemacronafii00208afii08941afii10017afii10018afii10019afii10020afii10021afii10022\
        afii10023afii10024afii10025afii10026afii10027afii10028afii10029afii10030afii10031\
        afii10032afii10033afii10034afii10035afii10036afii10037afii10038afii10039afii10040\
        afii10041afii10042afii10043afii10044afii10045afii10046afii10047afii10048afii10049\
        afii10050afii10051afii10052afii10053afii10054afii10055afii10056afii10057afii10058\
        afii10059afii10060afii10061afii10062afii10063afii10064afii10065afii10066afii10067\
        afii10068afii10069afii10070afii10071afii10072afii10073afii10074afii10075afii10076\
        afii10077afii10078afii10079afii10080afii10081afii10082afii10083afii10084afii10085\
        afii10086afii10087afii10088afii10089afii10090afii10091afii10092afii10093afii10094\
        afii10095afii10096afii10097afii10098afii10099afii10100afii10101afii10102afii10103\
        afii10104afii10105afii10106afii10107afii10108afii10109afii10110afii10145afii10146\
        afii10147afii10148afii10192afii10193afii10194afii10195afii10196afii10831afii10832\
        afii10846afii299afii300afii301afii57381afii57388afii57392afii57393afii57394afii57395\
        afii57396afii57397afii57398afii57399afii57400afii57401afii57403afii57407afii57409\
        afii57410afii57411afii57412afii57413afii57414afii57415afii57416afii57417afii57418\
        afii57419afii57420afii57421afii57422afii57423afii57424afii57425afii57426afii57427\
        afii57428afii57429afii57430afii57431afii57432afii57433afii57434afii57440afii57441\
        afii57442afii57443afii57444afii57445afii57446afii57448afii57449afii57450afii57451\
        afii57452afii57453afii57454afii57455afii57456afii57457afii57458afii57470afii57505\
        afii57506afii57507afii57508afii57509afii57511afii57512afii57513afii57514afii57519\
        afii57534afii57636afii57645afii57658afii57664afii57665afii57666afii57667afii57668\
        afii57669afii57670afii57671afii57672afii57673afii57674afii57675afii57676afii57677\
        afii57678afii57679afii57680afii57681afii57682afii57683afii57684afii57685afii57686\
        afii57687afii57688afii57689afii57690afii57694afii57695afii57700afii57705afii57716\
        afii57717afii57718afii57723afii57793afii57794afii57795afii57796afii57797afii57798\
        afii57799afii57800afii57801afii57802afii57803afii57804afii57806afii57807afii57839\
        afii57841afii57842afii57929afii61248afii61289afii61352afii61573afii61574afii61575\
        afii61664afii63167afii64937agraveagujaratiagurmukhiahiraganaahookaboveaibengali\
        aibopomofoaidevaaiecyrillicaigujaratiaigurmukhiaimatragurmukhiainarabicainfinalarabic\
        aininitialarabicainmedialarabicainvertedbreveaivowelsignbengaliaivowelsigndeva\
        aivowelsigngujaratiakatakanaakatakanahalfwidthakoreanalefalefarabicalefdageshhebrew\
        aleffinalarabicalefhamzaabovearabicalefhamzaabovefinalarabicalefhamzabelowarabic\
        alefhamzabelowfinalarabicalefhebrewaleflamedhebrewalefmaddaabovearabic\
        alefmaddaabovefinalarabicalefmaksuraarabicalefmaksurafinalarabicalefmaksurainitialarabic\
        alefmaksuramedialarabicalefpatahhebrewalefqamatshebrewalephallequalalphaalphatonos\
        altselectoramacronamonospaceampersandampersandmonospaceampersandsmallamsquareanbopomofo\
        angbopomofoangbracketleftangbracketrightangkhankhuthaiangleanglebracketleft\
        anglebracketleftverticalanglebracketrightanglebracketrightverticalangleleftangleleftBig\
        angleleftBiggangleleftbigangleleftbigganglerightanglerightBiganglerightBigganglerightbig\
        anglerightbiggangstromanoteleiaanudattadevaanusvarabengalianusvaradevaanusvaragujarati\
        aogonekapaatosquareaparenapostrophearmenianapostrophemodappleapproachesapproxequal\
        approxequalorimageapproximatelyequalaraeaekoreanaraeakoreanarcarighthalfringaring\
        aringacutearingbelowarrowbotharrowbothvarrowbtarrowdashdownarrowdashleftarrowdashright\
        arrowdashuparrowdblbotharrowdblbothvarrowdbldownarrowdblleftarrowdblrightarrowdbltp\
        arrowdbluparrowdblvertexarrowdownarrowdownleftarrowdownrightarrowdownwhite\
        arrowheaddownmodarrowheadleftmodarrowheadrightmodarrowheadupmodarrowhorizexarrowleft\
        arrowleftbothalfarrowleftdblarrowleftdblstrokearrowleftoverrightarrowlefttophalf\
        arrowleftwhitearrownortheastarrownorthwestarrowrightarrowrightbothalfarrowrightdblstroke\
        arrowrightheavyarrowrightoverleftarrowrighttophalfarrowrightwhitearrowsoutheast\
        arrowsouthwestarrowtableftarrowtabrightarrowtparrowuparrowupdnarrowupdnbse\
        arrowupdownbasearrowupleftarrowupleftofdownarrowuprightarrowupwhitearrowvertex\
        arrowvertex2ascendercompwordmarkasciicircumasciicircummonospaceasciitilde\
        asciitildemonospaceascriptascriptturnedasmallhiraganaasmallkatakana\
        asmallkatakanahalfwidthasteriskasteriskaltonearabicasteriskarabicasteriskcentered\
        asteriskmathasteriskmonospaceasterisksmallasterismasuperiorasymptoticallyequalatatilde\
        atmonospaceatsmallaturnedaubengaliaubopomofoaudevaaugujaratiaugurmukhi\
        aulengthmarkbengaliaumatragurmukhiauvowelsignbengaliauvowelsigndevaauvowelsigngujarati\
        avagrahadevaaybarmenianayinayinaltonehebrewayinhebrewbbabengalibackslashbackslashBig\
        backslashBiggbackslashbigbackslashbiggbackslashmonospacebadevabagujaratibagurmukhi\
        bahiraganabahtthaibakatakanabarbardblbardblexbarexbarmonospacebbopomofobcirclebdotaccent\
        bdotbelowbeamedsixteenthnotesbecausebecyrillicbeharabicbehfinalarabicbehinitialarabic\
        behiraganabehmedialarabicbehmeeminitialarabicbehmeemisolatedarabicbehnoonfinalarabic\
        bekatakanabenarmenianbetbetabetasymbolgreekbetdageshbetdageshhebrewbethebrew\
        betrafehebrewbhabengalibhadevabhagujaratibhagurmukhibhookbihiraganabikatakana\
        bilabialclickbindigurmukhibirusquareblackcircleblackdiamondblackdownpointingtriangle\
        blackleftpointingpointerblackleftpointingtriangleblacklenticularbracketleft\
        blacklenticularbracketleftverticalblacklenticularbracketright\
        blacklenticularbracketrightverticalblacklowerlefttriangleblacklowerrighttriangle\
        blackrectangleblackrightpointingpointerblackrightpointingtriangleblacksmallsquare\
        blacksmilingfaceblacksquareblackstarblackupperlefttriangleblackupperrighttriangle\
        blackuppointingsmalltriangleblackuppointingtriangleblankblinebelowblockbmonospace\
        bobaimaithaibohiraganabokatakanabparenbqsquarebraceexbraceex2braceleftbraceleftBig\
        braceleftBiggbraceleftbigbraceleftbiggbraceleftbtbraceleftmidbraceleftmid2\
        braceleftmonospacebraceleftsmallbracelefttpbraceleftverticalbracerightbracerightBig\
        bracerightBiggbracerightbigbracerightbiggbracerightbtbracerightmidbracerightmid2\
        bracerightmonospacebracerightsmallbracerighttpbracerightverticalbracketleft\
        bracketleftBigbracketleftBiggbracketleftbigbracketleftbiggbracketleftbtbracketleftex\
        bracketleftmonospacebracketlefttpbracketrightbracketrightBigbracketrightBigg\
        bracketrightbigbracketrightbiggbracketrightbtbracketrightexbracketrightmonospace\
        bracketrighttpbrevebrevebelowcmbbrevecmbbreveinvertedbelowcmbbreveinvertedcmb\
        breveinverteddoublecmbbridgebelowcmbbridgeinvertedbelowcmbbrokenbarbstrokebsuperior\
        btopbarbuhiraganabukatakanabulletbulletinversebulletoperatorbullseyeccaarmeniancabengali\
        cacutecadevacagujaraticagurmukhicalsquarecandrabindubengalicandrabinducmbcandrabindudeva\
        candrabindugujaraticapitalcompwordmarkcapslockcareofcaroncaronbelowcmbcaroncmb\
        carriagereturncbopomofoccaronccedillaccedillaacuteccircleccircumflexccurlcdotcdotaccent\
        cdsquarecedillacedillacmbceilingleftceilingleftBigceilingleftBiggceilingleftbig\
        ceilingleftbiggceilingrightceilingrightBigceilingrightBiggceilingrightbig\
        ceilingrightbiggcentcentigradecentinferiorcentmonospacecentoldstylecentsuperior\
        chaarmenianchabengalichadevachagujaratichagurmukhichbopomofocheabkhasiancyrillic\
        checkmarkchecyrillicchedescenderabkhasiancyrillicchedescendercyrillicchedieresiscyrillic\
        cheharmenianchekhakassiancyrilliccheverticalstrokecyrillicchichieuchacirclekorean\
        chieuchaparenkoreanchieuchcirclekoreanchieuchkoreanchieuchparenkoreanchochangthai\
        chochanthaichochingthaichochoethaichookcieucacirclekoreancieucaparenkorean\
        cieuccirclekoreancieuckoreancieucparenkoreancieucuparenkoreancirclecirclecopyrt\
        circledividecircledotcircledotdisplaycircledottextcircleminuscirclemultiply\
        circlemultiplydisplaycirclemultiplytextcircleotcirclepluscircleplusdisplaycircleplustext\
        circlepostalmarkcirclewithlefthalfblackcirclewithrighthalfblackcircumflex\
        circumflexbelowcmbcircumflexcmbclearclickalveolarclickdentalclicklateralclickretroflex\
        clubclubsuitblackclubsuitwhitecmcubedsquarecmonospacecmsquaredsquarecoarmeniancolon\
        colonmonetarycolonmonospacecolonsigncolonsmallcolontriangularhalfmodcolontriangularmod\
        commacommaabovecmbcommaaboverightcmbcommaaccentcommaarabiccommaarmeniancommainferior\
        commamonospacecommareversedabovecmbcommareversedmodcommasmallcommasuperior\
        commaturnedabovecmbcommaturnedmodcompasscompwordmarkcongruentcontintegraldisplay\
        contintegraltextcontourintegralcontrolcontrolACKcontrolBELcontrolBScontrolCANcontrolCR\
        controlDC1controlDC2controlDC3controlDC4controlDELcontrolDLEcontrolEMcontrolENQ\
        controlEOTcontrolESCcontrolETBcontrolETXcontrolFFcontrolFScontrolGScontrolHTcontrolLF\
        controlNAKcontrolRScontrolSIcontrolSOcontrolSOTcontrolSTXcontrolSUBcontrolSYNcontrolUS\
        controlVTcoproductcoproductdisplaycoproducttextcopyrightcopyrightsanscopyrightserif\
        cornerbracketleftcornerbracketlefthalfwidthcornerbracketleftverticalcornerbracketright\
        cornerbracketrighthalfwidthcornerbracketrightverticalcorporationsquarecosquare\
        coverkgsquarecparencruzeirocstretchedcurlyandcurlyorcurrencycwmcyrBrevecyrFlexcyrbreve\
        cyrflexddaarmeniandabengalidadarabicdadevadadfinalarabicdadinitialarabicdadmedialarabic\
        dageshdageshhebrewdaggerdaggerdbldagujaratidagurmukhidahiraganadakatakanadalarabicdalet\
        daletdageshdaletdageshhebrewdalethatafpatahdalethatafpatahhebrewdalethatafsegol\
        dalethatafsegolhebrewdalethebrewdalethiriqdalethiriqhebrewdaletholamdaletholamhebrew\
        daletpatahdaletpatahhebrewdaletqamatsdaletqamatshebrewdaletqubutsdaletqubutshebrew\
        daletsegoldaletsegolhebrewdaletshevadaletshevahebrewdalettseredalettserehebrew\
        dalfinalarabicdammaarabicdammalowarabicdammatanaltonearabicdammatanarabicdanda\
        dargahebrewdargalefthebrewdasiapneumatacyrilliccmbdbardblGravedblanglebracketleft\
        dblanglebracketleftverticaldblanglebracketrightdblanglebracketrightvertical\
        dblarchinvertedbelowcmbdblarrowleftdblarrowrightdblbracketleftdblbracketrightdbldanda\
        dblgravedblgravecmbdblintegraldbllowlinedbllowlinecmbdbloverlinecmbdblprimemod\
        dblverticalbardblverticallineabovecmbdbopomofodbsquaredcarondcedilladcircle\
        dcircumflexbelowdcroatddabengaliddadevaddagujaratiddagurmukhiddalarabicddalfinalarabic\
        dddhadevaddhabengaliddhadevaddhagujaratiddhagurmukhiddotaccentddotbelow\
        decimalseparatorarabicdecimalseparatorpersiandecyrillicdegreedehihebrewdehiragana\
        deicopticdekatakanadeleteleftdeleterightdeltadeltaturned\
        denominatorminusonenumeratorbengalidezhdhabengalidhadevadhagujaratidhagurmukhidhook\
        dialytikatonosdialytikatonoscmbdiamonddiamond2diamondmathdiamondsuitwhitedieresis\
        dieresisacutedieresisbelowcmbdieresiscmbdieresisgravedieresistonosdihiraganadikatakana\
        dittomarkdividedividesdivisionslashdjecyrillicdkshadedlinebelowdlsquaredmacrondmonospace\
        dnblockdochadathaidodekthaidohiraganadokatakanadollardollarinferiordollarmonospace\
        dollaroldstyledollarsmalldollarsuperiordongdorusquaredotaccentdotaccentcmbdotbelowcmb\
        dotbelowcombdotkatakanadotlessidotlessjdotlessj2dotlessjstrokehookdotmathdottedcircle\
        doubleyodpatahdoubleyodpatahhebrewdowntackbelowcmbdowntackmoddparendsuperiordtaildtopbar\
        duhiraganadukatakanadzdzaltonedzcarondzcurldzeabkhasiancyrillicdzecyrillicdzhecyrillice\
        eacuteearthebengaliebopomofoebreveecandradevaecandragujaratiecandravowelsigndeva\
        ecandravowelsigngujaratiecaronecedillabreveecharmenianechyiwnarmenianecircleecircumflex\
        ecircumflexacuteecircumflexbelowecircumflexdotbelowecircumflexgraveecircumflexhookabove\
        ecircumflextildeecyrillicedblgraveedevaedieresisedotedotaccentedotbeloweegurmukhi\
        eematragurmukhiefcyrillicegraveegujaratieharmenianehbopomofoehiraganaehookabove\
        eibopomofoeighteightarabiceightbengalieightcircleeightcircleinversesansserifeightdeva\
        eighteencircleeighteenpareneighteenperiodeightgujaratieightgurmukhieighthackarabic\
        eighthangzhoueighthnotebeamedeightideographicpareneightinferioreightmonospace\
        eightoldstyleeightpareneightperiodeightpersianeightromaneightsuperioreightthai\
        einvertedbreveeiotifiedcyrillicekatakanaekatakanahalfwidthekonkargurmukhiekorean\
        elcyrillicelementelevencircleelevenparenelevenperiodelevenromanellipsisellipsisvertical\
        emacronemacronacuteemacrongraveemcyrillicemdashemdashverticalemonospace\
        emphasismarkarmenianemptysetemptyslotenbopomofoencyrillicendashendashvertical\
        endescendercyrillicengengbopomofoenghecyrillicenhookcyrillicenspaceeogonekeokoreaneopen\
        eopenclosedeopenreversedeopenreversedclosedeopenreversedhookeparenepsilonepsilon1\
        epsilontonosequalequalmonospaceequalsmallequalsuperiorequivalenceequivasymptotic\
        erbopomofoercyrillicereversedereversedcyrillicescyrillicesdescendercyrillicesheshcurl\
        eshortdevaeshortvowelsigndevaeshreversedloopeshsquatreversedesmallhiraganaesmallkatakana\
        esmallkatakanahalfwidthestimatedesuperioretaetarmenianetatonosethetildeetildebelow\
        etnahtafoukhhebrewetnahtafoukhlefthebrewetnahtahebrewetnahtalefthebreweturnedeukorean\
        euroevowelsignbengalievowelsigndevaevowelsigngujaratiexclamexclamarmenianexclamdbl\
        exclamdownexclamdownsmallexclammonospaceexclamsmallexistentialezhezhcaronezhcurl\
        ezhreversedezhtailff_ff_f_if_f_lf_if_lfadevafagurmukhifahrenheitfathaarabic\
        fathalowarabicfathatanarabicfbopomofofcirclefdotaccentfeharabicfeharmenianfehfinalarabic\
        fehinitialarabicfehmedialarabicfeicopticfemaleffffifflfififteencirclefifteenparen\
        fifteenperiodfiguredashfilledboxfilledrectfinalkaffinalkafdageshfinalkafdageshhebrew\
        finalkafhebrewfinalkafqamatsfinalkafqamatshebrewfinalkafshevafinalkafshevahebrewfinalmem\
        finalmemhebrewfinalnunfinalnunhebrewfinalpefinalpehebrewfinaltsadifinaltsadihebrew\
        firsttonechinesefisheyefitacyrillicfivefivearabicfivebengalifivecircle\
        fivecircleinversesansseriffivedevafiveeighthsfivegujaratifivegurmukhifivehackarabic\
        fivehangzhoufiveideographicparenfiveinferiorfivemonospacefiveoldstylefiveparenfiveperiod\
        fivepersianfiveromanfivesuperiorfivethaiflflatfloorleftfloorleftBigfloorleftBigg\
        floorleftbigfloorleftbiggfloorrightfloorrightBigfloorrightBiggfloorrightbig\
        floorrightbiggflorinfmonospacefmsquarefofanthaifofathaifollowsfollowsequalfongmanthai\
        forallfourfourarabicfourbengalifourcirclefourcircleinversesansseriffourdevafourgujarati\
        fourgurmukhifourhackarabicfourhangzhoufourideographicparenfourinferiorfourmonospace\
        fournumeratorbengalifouroldstylefourparenfourperiodfourpersianfourromanfoursuperior\
        fourteencirclefourteenparenfourteenperiodfourthaifourthtonechinesefparenfractionfrancg\
        gabengaligacutegadevagafarabicgaffinalarabicgafinitialarabicgafmedialarabicgagujarati\
        gagurmukhigahiraganagakatakanagammagammalatinsmallgammasuperiorgangiacopticgbopomofo\
        gbrevegcarongcedillagcirclegcircumflexgcommaaccentgdotgdotaccentgecyrillicgehiragana\
        gekatakanageometricallyequalgereshaccenthebrewgereshhebrewgereshmuqdamhebrewgermandbls\
        gershayimaccenthebrewgershayimhebrewgetamarkghabengalighadarmenianghadevaghagujarati\
        ghagurmukhighainarabicghainfinalarabicghaininitialarabicghainmedialarabic\
        ghemiddlehookcyrillicghestrokecyrillicgheupturncyrillicghhadevaghhagurmukhighook\
        ghzsquaregihiraganagikatakanagimarmeniangimelgimeldageshgimeldageshhebrewgimelhebrew\
        gjecyrillicglottalinvertedstrokeglottalstopglottalstopinvertedglottalstopmod\
        glottalstopreversedglottalstopreversedmodglottalstopreversedsuperiorglottalstopstroke\
        glottalstopstrokereversedgmacrongmonospacegohiraganagokatakanagparengpasquaregradient\
        gravegravebelowcmbgravecmbgravecombgravedevagravelowmodgravemonospacegravetonecmbgreater\
        greaterequalgreaterequalorlessgreatermonospacegreatermuchgreaterorequivalent\
        greaterorlessgreateroverequalgreatersmallgscriptgstrokeguhiraganaguillemotleft\
        guillemotrightguilsinglleftguilsinglrightgukatakanaguramusquaregysquareh\
        haabkhasiancyrillichaaltonearabichabengalihadescendercyrillichadevahagujaratihagurmukhi\
        haharabichahfinalarabichahinitialarabichahiraganahahmedialarabichaitusquarehakatakana\
        hakatakanahalfwidthhalantgurmukhihamzaarabichamzadammaarabichamzadammatanarabic\
        hamzafathaarabichamzafathatanarabichamzalowarabichamzalowkasraarabic\
        hamzalowkasratanarabichamzasukunarabichangulfillerhardsigncyrillicharpoonleftbarbup\
        harpoonleftdownharpoonleftupharpoonrightbarbupharpoonrightdownharpoonrightuphasquare\
        hatafpatahhatafpatah16hatafpatah23hatafpatah2fhatafpatahhebrewhatafpatahnarrowhebrew\
        hatafpatahquarterhebrewhatafpatahwidehebrewhatafqamatshatafqamats1bhatafqamats28\
        hatafqamats34hatafqamatshebrewhatafqamatsnarrowhebrewhatafqamatsquarterhebrew\
        hatafqamatswidehebrewhatafsegolhatafsegol17hatafsegol24hatafsegol30hatafsegolhebrew\
        hatafsegolnarrowhebrewhatafsegolquarterhebrewhatafsegolwidehebrewhatwidehatwider\
        hatwiderrhbarhbopomofohbrevebelowhcedillahcirclehcircumflexhdieresishdotaccenthdotbelow\
        heheartheart2heartsuitblackheartsuitwhitehedageshhedageshhebrewhehaltonearabicheharabic\
        hehebrewhehfinalaltonearabichehfinalalttwoarabichehfinalarabichehhamzaabovefinalarabic\
        hehhamzaaboveisolatedarabichehinitialaltonearabichehinitialarabichehiragana\
        hehmedialaltonearabichehmedialarabicheiseierasquarehekatakanahekatakanahalfwidth\
        hekutaarusquarehenghookherutusquarehethethebrewhhookhhooksuperiorhieuhacirclekorean\
        hieuhaparenkoreanhieuhcirclekoreanhieuhkoreanhieuhparenkoreanhihiraganahikatakana\
        hikatakanahalfwidthhiriqhiriq14hiriq21hiriq2dhiriqhebrewhiriqnarrowhebrew\
        hiriqquarterhebrewhiriqwidehebrewhlinebelowhmonospacehoarmenianhohipthaihohiragana\
        hokatakanahokatakanahalfwidthholamholam19holam26holam32holamhebrewholamnarrowhebrew\
        holamquarterhebrewholamwidehebrewhonokhukthaihookabovecombhookcmbhookleftchar\
        hookpalatalizedbelowcmbhookretroflexbelowcmbhookrightcharhoonsquarehoricoptic\
        horizontalbarhorncmbhotspringshousehparenhsuperiorhturnedhuhiraganahuiitosquare\
        hukatakanahukatakanahalfwidthhungarumlauthungarumlautcmbhvhyphenhyphen_althyphenchar\
        hypheninferiorhyphenmonospacehyphensmallhyphensuperiorhyphentwoiiacuteiacyrillicibengali\
        ibopomofoibreveicaronicircleicircumflexicyrillicidblgraveideographearthcircle\
        ideographfirecircleideographicallianceparenideographiccallparenideographiccentrecircle\
        ideographiccloseideographiccommaideographiccommaleftideographiccongratulationparen\
        ideographiccorrectcircleideographicearthparenideographicenterpriseparen\
        ideographicexcellentcircleideographicfestivalparenideographicfinancialcircle\
        ideographicfinancialparenideographicfireparenideographichaveparenideographichighcircle\
        ideographiciterationmarkideographiclaborcircleideographiclaborparenideographicleftcircle\
        ideographiclowcircleideographicmedicinecircleideographicmetalparenideographicmoonparen\
        ideographicnameparenideographicperiodideographicprintcircleideographicreachparen\
        ideographicrepresentparenideographicresourceparenideographicrightcircle\
        ideographicsecretcircleideographicselfparenideographicsocietyparenideographicspace\
        ideographicspecialparenideographicstockparenideographicstudyparenideographicsunparen\
        ideographicsuperviseparenideographicwaterparenideographicwoodparenideographiczero\
        ideographmetalcircleideographmooncircleideographnamecircleideographsuncircle\
        ideographwatercircleideographwoodcircleidevaidieresisidieresisacuteidieresiscyrillic\
        idotbelowiebrevecyrilliciecyrillicieungacirclekoreanieungaparenkoreanieungcirclekorean\
        ieungkoreanieungparenkoreanigraveigujaratiigurmukhiihiraganaihookaboveiibengali\
        iicyrilliciidevaiigujaratiiigurmukhiiimatragurmukhiiinvertedbreveiishortcyrillic\
        iivowelsignbengaliiivowelsigndevaiivowelsigngujaratiijikatakanaikatakanahalfwidthikorean\
        ildeiluyhebrewimacronimacroncyrillicimageorapproximatelyequalimatragurmukhiimonospace\
        incrementinfinityiniarmenianintegralintegralbottomintegralbtintegraldisplayintegralex\
        integraltextintegraltopintegraltpinterrobanginterrobangdownintersection\
        intersectiondisplayintersectionsqintersectiontextintisquareinvbulletinvcircle\
        invsmilefaceiocyrilliciogonekiotaiotadieresisiotadieresistonosiotalatiniotatonosiparen\
        irigurmukhiismallhiraganaismallkatakanaismallkatakanahalfwidthissharbengaliistroke\
        isuperioriterationhiraganaiterationkatakanaitildeitildebelowiubopomofoiucyrillic\
        ivowelsignbengaliivowelsigndevaivowelsigngujaratiizhitsacyrillicizhitsadblgravecyrillicj\
        jaarmenianjabengalijadevajagujaratijagurmukhijbopomofojcaronjcirclejcircumflex\
        jcrossedtailjdotlessstrokejecyrillicjeemarabicjeemfinalarabicjeeminitialarabic\
        jeemmedialarabicjeharabicjehfinalarabicjhabengalijhadevajhagujaratijhagurmukhi\
        jheharmenianjisjmonospacejparenjsuperiorkkabashkircyrillickabengalikacutekacyrillic\
        kadescendercyrillickadevakafkafarabickafdageshkafdageshhebrewkaffinalarabickafhebrew\
        kafinitialarabickafmedialarabickafrafehebrewkagujaratikagurmukhikahiraganakahookcyrillic\
        kakatakanakakatakanahalfwidthkappakappasymbolgreekkapyeounmieumkorean\
        kapyeounphieuphkoreankapyeounpieupkoreankapyeounssangpieupkoreankaroriisquare\
        kashidaautoarabickashidaautonosidebearingarabickasmallkatakanakasquarekasraarabic\
        kasratanarabickastrokecyrillickatahiraprolongmarkhalfwidthkaverticalstrokecyrillic\
        kbopomofokcalsquarekcaronkcedillakcirclekcommaaccentkdotbelowkeharmeniankehiragana\
        kekatakanakekatakanahalfwidthkenarmeniankesmallkatakanakgreenlandickhabengalikhacyrillic\
        khadevakhagujaratikhagurmukhikhaharabickhahfinalarabickhahinitialarabickhahmedialarabic\
        kheicoptickhhadevakhhagurmukhikhieukhacirclekoreankhieukhaparenkoreankhieukhcirclekorean\
        khieukhkoreankhieukhparenkoreankhokhaithaikhokhonthaikhokhuatthaikhokhwaithaikhomutthai\
        khookkhorakhangthaikhzsquarekihiraganakikatakanakikatakanahalfwidthkiroguramusquare\
        kiromeetorusquarekirosquarekiyeokacirclekoreankiyeokaparenkoreankiyeokcirclekorean\
        kiyeokkoreankiyeokparenkoreankiyeoksioskoreankjecyrillicklinebelowklsquarekmcubedsquare\
        kmonospacekmsquaredsquarekohiraganakohmsquarekokaithaikokatakanakokatakanahalfwidth\
        kooposquarekoppacyrillickoreanstandardsymbolkoroniscmbkparenkpasquareksicyrillicktsquare\
        kturnedkuhiraganakukatakanakukatakanahalfwidthkvsquarekwsquarellabengalilacuteladeva\
        lagujaratilagurmukhilakkhangyaothailamaleffinalarabiclamalefhamzaabovefinalarabic\
        lamalefhamzaaboveisolatedarabiclamalefhamzabelowfinalarabic\
        lamalefhamzabelowisolatedarabiclamalefisolatedarabiclamalefmaddaabovefinalarabic\
        lamalefmaddaaboveisolatedarabiclamarabiclambdalambdastrokelamedlameddagesh\
        lameddageshhebrewlamedhebrewlamedholamlamedholamdageshlamedholamdageshhebrew\
        lamedholamhebrewlamfinalarabiclamhahinitialarabiclaminitialarabiclamjeeminitialarabic\
        lamkhahinitialarabiclamlamhehisolatedarabiclammedialarabiclammeemhahinitialarabic\
        lammeeminitialarabiclammeemjeeminitialarabiclammeemkhahinitialarabiclargecircle\
        latticetoplbarlbeltlbopomofolcaronlcedillalcirclelcircumflexbelowlcommaaccentldot\
        ldotaccentldotbelowldotbelowmacronleftangleabovecmblefttackbelowcmblesslessequal\
        lessequalorgreaterlessmonospacelessmuchlessorequivalentlessorgreaterlessoverequal\
        lesssmalllezhlfblocklhookretroflexliraliwnarmenianljljecyrilliclllladevallagujarati\
        llinebelowllladevallvocalicbengalillvocalicdevallvocalicvowelsignbengali\
        llvocalicvowelsigndevalmiddletildelmonospacelmsquarelochulathailogicaland\
        logicalanddisplaylogicalandtextlogicalnotlogicalnotreversedlogicalorlogicalordisplay\
        logicalortextlolingthailongslowlinecenterlinelowlinecmblowlinedashedlozengelparenlscript\
        lslashlsquarelsuperiorltshadeluthailvocalicbengalilvocalicdevalvocalicvowelsignbengali\
        lvocalicvowelsigndevalxsquaremmabengalimacronmacronbelowcmbmacroncmbmacronlowmod\
        macronmonospacemacutemadevamagujaratimagurmukhimahapakhhebrewmahapakhlefthebrew\
        mahiraganamaichattawalowleftthaimaichattawalowrightthaimaichattawathai\
        maichattawaupperleftthaimaieklowleftthaimaieklowrightthaimaiekthaimaiekupperleftthai\
        maihanakatleftthaimaihanakatthaimaitaikhuleftthaimaitaikhuthaimaitholowleftthai\
        maitholowrightthaimaithothaimaithoupperleftthaimaitrilowleftthaimaitrilowrightthai\
        maitrithaimaitriupperleftthaimaiyamokthaimakatakanamakatakanahalfwidthmalemansyonsquare\
        maqafhebrewmarsmasoracirclehebrewmasquarembopomofombsquaremcirclemcubedsquaremdotaccent\
        mdotbelowmeemarabicmeemfinalarabicmeeminitialarabicmeemmedialarabicmeemmeeminitialarabic\
        meemmeemisolatedarabicmeetorusquaremehiraganameizierasquaremekatakanamekatakanahalfwidth\
        memmemdageshmemdageshhebrewmemhebrewmenarmenianmerkhahebrewmerkhakefulahebrew\
        merkhakefulalefthebrewmerkhalefthebrewmhookmhzsquaremiddledotkatakanahalfwidthmiddot\
        mieumacirclekoreanmieumaparenkoreanmieumcirclekoreanmieumkoreanmieumpansioskorean\
        mieumparenkoreanmieumpieupkoreanmieumsioskoreanmihiraganamikatakanamikatakanahalfwidth\
        minusminusbelowcmbminuscircleminusmodminusplusminutemiribaarusquaremirisquare\
        mlonglegturnedmlsquaremmcubedsquaremmonospacemmsquaredsquaremohiraganamohmsquare\
        mokatakanamokatakanahalfwidthmolsquaremomathaimoverssquaremoverssquaredsquaremparen\
        mpasquaremssquaremsuperiormturnedmumu1muasquaremuchgreatermuchlessmufsquaremugreek\
        mugsquaremuhiraganamukatakanamukatakanahalfwidthmulsquaremultiplymumsquaremunahhebrew\
        munahlefthebrewmusicalnotemusicalnotedblmusicflatsignmusicsharpsignmussquaremuvsquare\
        muwsquaremvmegasquaremvsquaremwmegasquaremwsquarennabengalinablanacutenadevanagujarati\
        nagurmukhinahiragananakatakananakatakanahalfwidthnapostrophenasquarenaturalnbopomofo\
        nbspacencaronncedillancirclencircumflexbelowncommaaccentndotaccentndotbelownegationslash\
        nehiragananekatakananekatakanahalfwidthnewsheqelsignnfsquarengngabengalingadeva\
        ngagujaratingagurmukhingonguthainhiragananhookleftnhookretroflexnieunacirclekorean\
        nieunaparenkoreannieuncieuckoreannieuncirclekoreannieunhieuhkoreannieunkorean\
        nieunpansioskoreannieunparenkoreannieunsioskoreannieuntikeutkoreannihiragananikatakana\
        nikatakanahalfwidthnikhahitleftthainikhahitthainineninearabicninebengalininecircle\
        ninecircleinversesansserifninedevaninegujaratininegurmukhininehackarabicninehangzhou\
        nineideographicparennineinferiorninemonospacenineoldstylenineparennineperiodninepersian\
        nineromanninesuperiornineteencirclenineteenparennineteenperiodninethainjnjecyrillic\
        nkatakanankatakanahalfwidthnlegrightlongnlinebelownmonospacenmsquarennabengalinnadeva\
        nnagujaratinnagurmukhinnnadevanohiragananokatakananokatakanahalfwidthnonbreakingspace\
        nonenthainonuthainoonarabicnoonfinalarabicnoonghunnaarabicnoonghunnafinalarabic\
        noonhehinitialarabicnooninitialarabicnoonjeeminitialarabicnoonjeemisolatedarabic\
        noonmedialarabicnoonmeeminitialarabicnoonmeemisolatedarabicnoonnoonfinalarabic\
        notcontainsnotelementnotelementofnotequalnotgreaternotgreaternorequalnotgreaternorless\
        notidenticalnotlessnotlessnorequalnotparallelnotprecedesnotsubsetnotsucceedsnotsuperset\
        nowarmeniannparennssquarensuperiorntildenunuhiragananukatakananukatakanahalfwidth\
        nuktabengalinuktadevanuktagujaratinuktagurmukhinumbersignnumbersignmonospace\
        numbersignsmallnumeralsigngreeknumeralsignlowergreeknumeronunnundageshnundageshhebrew\
        nunhebrewnvsquarenwsquarenyabengalinyadevanyagujaratinyagurmukhiooacuteoangthaiobarred\
        obarredcyrillicobarreddieresiscyrillicobengaliobopomofoobreveocandradevaocandragujarati\
        ocandravowelsigndevaocandravowelsigngujaratiocaronocircleocircumflexocircumflexacute\
        ocircumflexdotbelowocircumflexgraveocircumflexhookaboveocircumflextildeocyrillic\
        odblacuteodblgraveodevaodieresisodieresiscyrillicodotbelowoeoekoreanogonekogonekcmb\
        ograveogujaratioharmenianohiraganaohookaboveohornohornacuteohorndotbelowohorngrave\
        ohornhookaboveohorntildeohungarumlautoioinvertedbreveokatakanaokatakanahalfwidthokorean\
        olehebrewomacronomacronacuteomacrongraveomdevaomegaomega1omegacyrillicomegalatinclosed\
        omegaroundcyrillicomegatitlocyrillicomegatonosomgujaratiomicronomicrontonosomonospaceone\
        onearabiconebengalionecircleonecircleinversesansserifonedevaonedotenleaderoneeighth\
        onefittedonegujarationegurmukhionehackarabiconehalfonehangzhouoneideographicparen\
        oneinferioronemonospaceonenumeratorbengalioneoldstyleoneparenoneperiodonepersian\
        onequarteroneromanonesuperioronethaionethirdoogonekoogonekmacronoogurmukhi\
        oomatragurmukhioopenoparenopenbulletoptionordfeminineordmasculineorthogonaloshortdeva\
        oshortvowelsigndevaoslashoslashacuteosmallhiraganaosmallkatakanaosmallkatakanahalfwidth\
        ostrokeacuteosuperiorotcyrillicotildeotildeacuteotildedieresisoubopomofooverline\
        overlinecenterlineoverlinecmboverlinedashedoverlinedblwavyoverlinewavyoverscore\
        ovowelsignbengaliovowelsigndevaovowelsigngujaratiownerppaampssquarepaasentosquare\
        pabengalipacutepadevapagedownpageuppagujaratipagurmukhipahiraganapaiyannoithaipakatakana\
        palatalizationcyrilliccmbpalochkacyrillicpansioskoreanparagraphparallelparenleft\
        parenleftBigparenleftBiggparenleftaltonearabicparenleftbigparenleftbiggparenleftbt\
        parenleftexparenleftex2parenleftinferiorparenleftmonospaceparenleftsmall\
        parenleftsuperiorparenlefttpparenleftverticalparenrightparenrightBigparenrightBigg\
        parenrightaltonearabicparenrightbigparenrightbiggparenrightbtparenrightexparenrightex2\
        parenrightinferiorparenrightmonospaceparenrightsmallparenrightsuperiorparenrighttp\
        parenrightverticalpartialdiffpaseqhebrewpashtahebrewpasquarepatahpatah11patah1dpatah2a\
        patahhebrewpatahnarrowhebrewpatahquarterhebrewpatahwidehebrewpazerhebrewpbopomofopcircle\
        pdotaccentpepecyrillicpedageshpedageshhebrewpeezisquarepefinaldageshhebrewpeharabic\
        peharmenianpehebrewpehfinalarabicpehinitialarabicpehiraganapehmedialarabicpekatakana\
        pemiddlehookcyrillicperafehebrewpercentpercentarabicpercentmonospacepercentsmallperiod\
        periodarmenianperiodcenteredperiodhalfwidthperiodinferiorperiodmonospaceperiodsmall\
        periodsuperiorperispomenigreekcmbperpendicularpertenthousandperthousandpesetapfsquare\
        phabengaliphadevaphagujaratiphagurmukhiphiphi2phieuphacirclekoreanphieuphaparenkorean\
        phieuphcirclekoreanphieuphkoreanphieuphparenkoreanphilatinphinthuthaiphisymbolgreekphook\
        phophanthaiphophungthaiphosamphaothaipipi1pieupacirclekoreanpieupaparenkorean\
        pieupcieuckoreanpieupcirclekoreanpieupkiyeokkoreanpieupkoreanpieupparenkorean\
        pieupsioskiyeokkoreanpieupsioskoreanpieupsiostikeutkoreanpieupthieuthkorean\
        pieuptikeutkoreanpihiraganapikatakanapisymbolgreekpiwrarmenianplusplusbelowcmbpluscircle\
        plusminusplusmodplusmonospaceplussmallplussuperiorpmonospacepmsquarepohiragana\
        pointingindexdownwhitepointingindexleftwhitepointingindexrightwhitepointingindexupwhite\
        pokatakanapoplathaipostalmarkpostalmarkfacepparenprecedesprecedesequalprescriptionprime\
        primemodprimereversedproductproductdisplayproducttextprojectiveprolongedkanapropellor\
        propersubsetpropersupersetproportionproportionalpsipsicyrillicpsilipneumatacyrilliccmb\
        pssquarepuhiraganapukatakanapunctdashpvsquarepwsquareqqadevaqadmahebrewqafarabic\
        qaffinalarabicqafinitialarabicqafmedialarabicqamatsqamats10qamats1aqamats1cqamats27\
        qamats29qamats33qamatsdeqamatshebrewqamatsnarrowhebrewqamatsqatanhebrew\
        qamatsqatannarrowhebrewqamatsqatanquarterhebrewqamatsqatanwidehebrewqamatsquarterhebrew\
        qamatswidehebrewqarneyparahebrewqbopomofoqcircleqhookqmonospaceqofqofdagesh\
        qofdageshhebrewqofhatafpatahqofhatafpatahhebrewqofhatafsegolqofhatafsegolhebrewqofhebrew\
        qofhiriqqofhiriqhebrewqofholamqofholamhebrewqofpatahqofpatahhebrewqofqamats\
        qofqamatshebrewqofqubutsqofqubutshebrewqofsegolqofsegolhebrewqofshevaqofshevahebrew\
        qoftsereqoftserehebrewqparenquarternotequbutsqubuts18qubuts25qubuts31qubutshebrew\
        qubutsnarrowhebrewqubutsquarterhebrewqubutswidehebrewquestionquestionarabic\
        questionarmenianquestiondownquestiondownsmallquestiongreekquestionmonospacequestionsmall\
        quotedblquotedblbasequotedblleftquotedblmonospacequotedblprimequotedblprimereversed\
        quotedblrightquoteleftquoteleftreversedquotereversedquoterightquoterightnquotesinglbase\
        quotesinglequotesinglemonospacerraarmenianrabengaliracuteradevaradicalradicalBig\
        radicalBiggradicalbigradicalbiggradicalbtradicalexradoverssquareradoverssquaredsquare\
        radsquareraferafehebrewragujaratiragurmukhirahiraganarakatakanarakatakanahalfwidth\
        ralowerdiagonalbengaliramiddlediagonalbengaliramshornrangedashratiorbopomoforcaron\
        rcedillarcirclercommaaccentrdblgraverdotaccentrdotbelowrdotbelowmacronreferencemark\
        reflexsubsetreflexsupersetregisteredregistersansregisterserifreharabicreharmenian\
        rehfinalarabicrehiraganarehyehaleflamarabicrekatakanarekatakanahalfwidthresh\
        reshdageshhebrewreshhatafpatahreshhatafpatahhebrewreshhatafsegolreshhatafsegolhebrew\
        reshhebrewreshhiriqreshhiriqhebrewreshholamreshholamhebrewreshpatahreshpatahhebrew\
        reshqamatsreshqamatshebrewreshqubutsreshqubutshebrewreshsegolreshsegolhebrewreshsheva\
        reshshevahebrewreshtserereshtserehebrewreversedtildereviahebrewreviamugrashhebrew\
        revlogicalnotrfishhookrfishhookreversedrhabengalirhadevarhorho1rhookrhookturned\
        rhookturnedsuperiorrhosymbolgreekrhotichookmodrieulacirclekoreanrieulaparenkorean\
        rieulcirclekoreanrieulhieuhkoreanrieulkiyeokkoreanrieulkiyeoksioskoreanrieulkorean\
        rieulmieumkoreanrieulpansioskoreanrieulparenkoreanrieulphieuphkoreanrieulpieupkorean\
        rieulpieupsioskoreanrieulsioskoreanrieulthieuthkoreanrieultikeutkorean\
        rieulyeorinhieuhkoreanrightanglerighttackbelowcmbrighttrianglerihiraganarikatakana\
        rikatakanahalfwidthringringbelowcmbringcmbringhalfleftringhalfleftarmenian\
        ringhalfleftbelowcmbringhalfleftcenteredringhalfrightringhalfrightbelowcmb\
        ringhalfrightcenteredrinvertedbreverittorusquarerlinebelowrlonglegrlonglegturned\
        rmonospacerohiraganarokatakanarokatakanahalfwidthroruathairparenrrabengalirradeva\
        rragurmukhirreharabicrrehfinalarabicrrvocalicbengalirrvocalicdevarrvocalicgujarati\
        rrvocalicvowelsignbengalirrvocalicvowelsigndevarrvocalicvowelsigngujaratirsuperior\
        rtblockrturnedrturnedsuperiorruhiraganarukatakanarukatakanahalfwidthrupeemarkbengali\
        rupeesignbengalirupiahruthairvocalicbengalirvocalicdevarvocalicgujarati\
        rvocalicvowelsignbengalirvocalicvowelsigndevarvocalicvowelsigngujaratissabengalisacute\
        sacutedotaccentsadarabicsadevasadfinalarabicsadinitialarabicsadmedialarabicsagujarati\
        sagurmukhisahiraganasakatakanasakatakanahalfwidthsallallahoualayhewasallamarabicsamekh\
        samekhdageshsamekhdageshhebrewsamekhhebrewsaraaathaisaraaethaisaraaimaimalaithai\
        saraaimaimuanthaisaraamthaisaraathaisaraethaisaraiileftthaisaraiithaisaraileftthai\
        saraithaisaraothaisaraueeleftthaisaraueethaisaraueleftthaisarauethaisarauthaisarauuthai\
        sbopomofoscaronscarondotaccentscedillaschwaschwacyrillicschwadieresiscyrillicschwahook\
        scirclescircumflexscommaaccentsdotaccentsdotbelowsdotbelowdotaccentseagullbelowcmbsecond\
        secondtonechinesesectionseenarabicseenfinalarabicseeninitialarabicseenmedialarabicsegol\
        segol13segol1fsegol2csegolhebrewsegolnarrowhebrewsegolquarterhebrewsegoltahebrew\
        segolwidehebrewseharmeniansehiraganasekatakanasekatakanahalfwidthsemicolon\
        semicolonarabicsemicolonmonospacesemicolonsmallsemivoicedmarkkana\
        semivoicedmarkkanahalfwidthsentisquaresentosquaresevensevenarabicsevenbengalisevencircle\
        sevencircleinversesansserifsevendevaseveneighthssevengujaratisevengurmukhi\
        sevenhackarabicsevenhangzhousevenideographicparenseveninferiorsevenmonospace\
        sevenoldstylesevenparensevenperiodsevenpersiansevenromansevensuperiorseventeencircle\
        seventeenparenseventeenperiodseventhaisfthyphenshaarmenianshabengalishacyrillic\
        shaddaarabicshaddadammaarabicshaddadammatanarabicshaddafathaarabicshaddafathatanarabic\
        shaddakasraarabicshaddakasratanarabicshadeshadedarkshadelightshademediumshadeva\
        shagujaratishagurmukhishalshelethebrewsharpshbopomofoshchacyrillicsheenarabic\
        sheenfinalarabicsheeninitialarabicsheenmedialarabicsheicopticsheqelsheqelhebrewsheva\
        sheva115sheva15sheva22sheva2eshevahebrewshevanarrowhebrewshevaquarterhebrew\
        shevawidehebrewshhacyrillicshimacopticshinshindageshshindageshhebrewshindageshshindot\
        shindageshshindothebrewshindageshsindotshindageshsindothebrewshindothebrewshinhebrew\
        shinshindotshinshindothebrewshinsindotshinsindothebrewshooksigmasigma1sigmafinal\
        sigmalunatesymbolgreeksihiraganasikatakanasikatakanahalfwidthsiluqhebrewsiluqlefthebrew\
        similarsimilarequalsindothebrewsiosacirclekoreansiosaparenkoreansioscieuckorean\
        sioscirclekoreansioskiyeokkoreansioskoreansiosnieunkoreansiosparenkoreansiospieupkorean\
        siostikeutkoreansixsixarabicsixbengalisixcirclesixcircleinversesansserifsixdeva\
        sixgujaratisixgurmukhisixhackarabicsixhangzhousixideographicparensixinferiorsixmonospace\
        sixoldstylesixparensixperiodsixpersiansixromansixsuperiorsixteencircle\
        sixteencurrencydenominatorbengalisixteenparensixteenperiodsixthaislashslashBigslashBigg\
        slashbigslashbiggslashmonospaceslongslongdotaccentsluraboveslurbelowsmilefacesmonospace\
        sofpasuqhebrewsofthyphensoftsigncyrillicsohiraganasokatakanasokatakanahalfwidth\
        soliduslongoverlaycmbsolidusshortoverlaycmbsorusithaisosalathaisosothaisosuathaispace\
        spacehackarabicspadespadesuitblackspadesuitwhitesparensquarebelowcmbsquareccsquarecm\
        squarediagonalcrosshatchfillsquarehorizontalfillsquarekgsquarekmsquarekmcapitalsquareln\
        squarelogsquaremgsquaremilsquaremmsquaremsquaredsquareorthogonalcrosshatchfill\
        squareupperlefttolowerrightfillsquareupperrighttolowerleftfillsquareverticalfill\
        squarewhitewithsmallblacksrsquaressabengalissadevassagujaratissangcieuckorean\
        ssanghieuhkoreanssangieungkoreanssangkiyeokkoreanssangnieunkoreanssangpieupkorean\
        ssangsioskoreanssangtikeutkoreanssuperiorstarsterlingsterlingmonospace\
        strokelongoverlaycmbstrokeshortoverlaycmbsubsetsubsetnotequalsubsetorequalsubsetsqequal\
        succeedssuchthatsuhiraganasukatakanasukatakanahalfwidthsukunarabicsummation\
        summationdisplaysummationtextsunsupersetsupersetnotequalsupersetorequalsupersetsqequal\
        svsquaresyouwaerasquarettabengalitackdowntacklefttadevatagujaratitagurmukhitaharabic\
        tahfinalarabictahinitialarabictahiraganatahmedialarabictaisyouerasquaretakatakana\
        takatakanahalfwidthtatweelarabictautavtavdagestavdageshtavdageshhebrewtavhebrewtbar\
        tbopomofotcarontccurltcedillatcheharabictchehfinalarabictchehinitialarabic\
        tchehmedialarabictchehmeeminitialarabictcircletcircumflexbelowtcommaaccenttdieresis\
        tdotaccenttdotbelowtecyrillictedescendercyrillicteharabictehfinalarabic\
        tehhahinitialarabictehhahisolatedarabictehinitialarabictehiraganatehjeeminitialarabic\
        tehjeemisolatedarabictehmarbutaarabictehmarbutafinalarabictehmedialarabic\
        tehmeeminitialarabictehmeemisolatedarabictehnoonfinalarabictekatakanatekatakanahalfwidth\
        telephonetelephoneblacktelishagedolahebrewtelishaqetanahebrewtencircle\
        tenideographicparentenparentenperiodtenromanteshtettetdageshtetdageshhebrewtethebrew\
        tetsecyrillictevirhebrewtevirlefthebrewthabengalithadevathagujaratithagurmukhithalarabic\
        thalfinalarabicthanthakhatlowleftthaithanthakhatlowrightthaithanthakhatthai\
        thanthakhatupperleftthaitheharabicthehfinalarabicthehinitialarabicthehmedialarabic\
        thereexiststhereforethetatheta1thetasymbolgreekthieuthacirclekoreanthieuthaparenkorean\
        thieuthcirclekoreanthieuthkoreanthieuthparenkoreanthirteencirclethirteenparen\
        thirteenperiodthonangmonthothaithookthophuthaothaithornthothahanthaithothanthai\
        thothongthaithothungthaithousandcyrillicthousandsseparatorarabic\
        thousandsseparatorpersianthreethreearabicthreebengalithreecircle\
        threecircleinversesansserifthreedevathreeeighthsthreegujaratithreegurmukhi\
        threehackarabicthreehangzhouthreeideographicparenthreeinferiorthreemonospace\
        threenumeratorbengalithreeoldstylethreeparenthreeperiodthreepersianthreequarters\
        threequartersemdashthreeromanthreesuperiorthreethaithzsquaretietihiraganatikatakana\
        tikatakanahalfwidthtikeutacirclekoreantikeutaparenkoreantikeutcirclekoreantikeutkorean\
        tikeutparenkoreantildetildebelowcmbtildecmbtildecombtildedoublecmbtildeoperator\
        tildeoverlaycmbtildeverticalcmbtildewidetildewidertildewiderrtimescircletipehahebrew\
        tipehalefthebrewtippigurmukhititlocyrilliccmbtiwnarmeniantlinebelowtmonospacetoarmenian\
        tohiraganatokatakanatokatakanahalfwidthtonebarextrahighmodtonebarextralowmod\
        tonebarhighmodtonebarlowmodtonebarmidmodtonefivetonesixtonetwotonostonsquaretopatakthai\
        tortoiseshellbracketlefttortoiseshellbracketleftsmalltortoiseshellbracketleftvertical\
        tortoiseshellbracketrighttortoiseshellbracketrightsmalltortoiseshellbracketrightvertical\
        totaothaitpalatalhooktparentrademarktrademarksanstrademarkseriftretroflexhooktriagdn\
        triaglftriagrttriaguptriangletriangleinvtrianglelefttrianglerighttstsaditsadidagesh\
        tsadidageshhebrewtsadihebrewtsecyrillictseretsere12tsere1etsere2btserehebrew\
        tserenarrowhebrewtserequarterhebrewtserewidehebrewtshecyrillictsuperiorttabengalittadeva\
        ttagujaratittagurmukhitteharabicttehfinalarabicttehinitialarabicttehmedialarabic\
        tthabengalitthadevatthagujaratitthagurmukhitturnedtuhiraganatukatakana\
        tukatakanahalfwidthturnstileleftturnstilerighttusmallhiraganatusmallkatakana\
        tusmallkatakanahalfwidthtwelvecircletwelveparentwelveperiodtwelveromantwelveudash\
        twentycircletwentyhangzhoutwentyparentwentyperiodtwotwoarabictwobengalitwocircle\
        twocircleinversesansseriftwodevatwodotenleadertwodotleadertwodotleadervertical\
        twogujaratitwogurmukhitwohackarabictwohangzhoutwoideographicparentwoinferiortwomonospace\
        twonumeratorbengalitwooldstyletwoparentwoperiodtwopersiantworomantwostroketwosuperior\
        twothaitwothirdsuuacuteubarubengaliubopomofoubreveucaronucircleucircumflex\
        ucircumflexbelowucyrillicudattadevaudblacuteudblgraveudevaudieresisudieresisacute\
        udieresisbelowudieresiscaronudieresiscyrillicudieresisgraveudieresismacronudotbelow\
        ugraveugujaratiugurmukhiuhiraganauhookaboveuhornuhornacuteuhorndotbelowuhorngrave\
        uhornhookaboveuhorntildeuhungarumlautuhungarumlautcyrillicuinvertedbreveukatakana\
        ukatakanahalfwidthukcyrillicukoreanumacronumacroncyrillicumacrondieresisumatragurmukhi\
        umonospaceunderscoreunderscoredblunderscoremonospaceunderscoreverticalunderscorewavy\
        unionuniondisplayunionmultiunionmultidisplayunionmultitextunionsqunionsqdisplay\
        unionsqtextuniontextuniversaluogonekuparenupblockupperdothebrewupsilonupsilondieresis\
        upsilondieresistonosupsilonlatinupsilontonosuptackbelowcmbuptackmoduragurmukhiuring\
        ushortcyrillicusmallhiraganausmallkatakanausmallkatakanahalfwidthustraightcyrillic\
        ustraightstrokecyrillicutildeutildeacuteutildebelowuubengaliuudevauugujaratiuugurmukhi\
        uumatragurmukhiuuvowelsignbengaliuuvowelsigndevauuvowelsigngujaratiuvowelsignbengali\
        uvowelsigndevauvowelsigngujarativvadevavagujarativagurmukhivakatakanavavvavdagesh\
        vavdagesh65vavdageshhebrewvavhebrewvavholamvavholamhebrewvavvavhebrewvavyodhebrewvcircle\
        vdotbelowvectorvecyrillicveharabicvehfinalarabicvehinitialarabicvehmedialarabic\
        vekatakanavenusverticalbarverticallineabovecmbverticallinebelowcmbverticallinelowmod\
        verticallinemodvewarmenianvhookvikatakanaviramabengaliviramadevaviramagujarati\
        visargabengalivisargadevavisargagujarativisiblespacevisualspacevmonospacevoarmenian\
        voicediterationhiraganavoicediterationkatakanavoicedmarkkanavoicedmarkkanahalfwidth\
        vokatakanavparenvtildevturnedvuhiraganavukatakanawwacutewaekoreanwahiraganawakatakana\
        wakatakanahalfwidthwakoreanwasmallhiraganawasmallkatakanawattosquarewavedash\
        wavyunderscoreverticalwawarabicwawfinalarabicwawhamzaabovearabicwawhamzaabovefinalarabic\
        wbsquarewcirclewcircumflexwdieresiswdotaccentwdotbelowwehiraganaweierstrasswekatakana\
        wekoreanweokoreanwgravewhitebulletwhitecirclewhitecircleinversewhitecornerbracketleft\
        whitecornerbracketleftverticalwhitecornerbracketrightwhitecornerbracketrightvertical\
        whitediamondwhitediamondcontainingblacksmalldiamondwhitedownpointingsmalltriangle\
        whitedownpointingtrianglewhiteleftpointingsmalltrianglewhiteleftpointingtriangle\
        whitelenticularbracketleftwhitelenticularbracketrightwhiterightpointingsmalltriangle\
        whiterightpointingtrianglewhitesmallsquarewhitesmilingfacewhitesquarewhitestar\
        whitetelephonewhitetortoiseshellbracketleftwhitetortoiseshellbracketright\
        whiteuppointingsmalltrianglewhiteuppointingtrianglewihiraganawikatakanawikorean\
        wmonospacewohiraganawokatakanawokatakanahalfwidthwonwonmonospacewowaenthaiwparen\
        wreathproductwringwsuperiorwturnedwynnxxabovecmbxbopomofoxcirclexdieresisxdotaccent\
        xeharmenianxixmonospacexparenxsuperioryyaadosquareyabengaliyacuteyadevayaekorean\
        yagujaratiyagurmukhiyahiraganayakatakanayakatakanahalfwidthyakoreanyamakkanthai\
        yasmallhiraganayasmallkatakanayasmallkatakanahalfwidthyatcyrillicycircleycircumflex\
        ydieresisydotaccentydotbelowyeharabicyehbarreearabicyehbarreefinalarabicyehfinalarabic\
        yehhamzaabovearabicyehhamzaabovefinalarabicyehhamzaaboveinitialarabic\
        yehhamzaabovemedialarabicyehinitialarabicyehmedialarabicyehmeeminitialarabic\
        yehmeemisolatedarabicyehnoonfinalarabicyehthreedotsbelowarabicyekoreanyenyenmonospace\
        yeokoreanyeorinhieuhkoreanyerahbenyomohebrewyerahbenyomolefthebrewyericyrillic\
        yerudieresiscyrillicyesieungkoreanyesieungpansioskoreanyesieungsioskoreanyetivhebrew\
        ygraveyhookyhookaboveyiarmenianyicyrillicyikoreanyinyangyiwnarmenianymonospaceyod\
        yoddageshyoddageshhebrewyodhebrewyodyodhebrewyodyodpatahhebrewyohiraganayoikorean\
        yokatakanayokatakanahalfwidthyokoreanyosmallhiraganayosmallkatakana\
        yosmallkatakanahalfwidthyotgreekyoyaekoreanyoyakoreanyoyakthaiyoyingthaiyparen\
        ypogegrammeniypogegrammenigreekcmbyryringysuperiorytildeyturnedyuhiraganayuikorean\
        yukatakanayukatakanahalfwidthyukoreanyusbigcyrillicyusbigiotifiedcyrillic\
        yuslittlecyrillicyuslittleiotifiedcyrillicyusmallhiraganayusmallkatakana\
        yusmallkatakanahalfwidthyuyekoreanyuyeokoreanyyabengaliyyadevazzaarmenianzacutezadeva\
        zagurmukhizaharabiczahfinalarabiczahinitialarabiczahiraganazahmedialarabiczainarabic\
        zainfinalarabiczakatakanazaqefgadolhebrewzaqefqatanhebrewzarqahebrewzayinzayindagesh\
        zayindageshhebrewzayinhebrewzbopomofozcaronzcirclezcircumflexzcurlzdotzdotaccent\
        zdotbelowzecyrilliczedescendercyrilliczedieresiscyrilliczehiraganazekatakanazero\
        zeroarabiczerobengalizerodevazerogujaratizerogurmukhizerohackarabiczeroinferior\
        zeromonospacezerooldstylezeropersianzerosuperiorzerothaizerowidthjoiner\
        zerowidthnonjoinerzerowidthspacezetazhbopomofozhearmenianzhebrevecyrilliczhecyrillic\
        zhedescendercyrilliczhedieresiscyrilliczihiraganazikatakanazinorhebrewzlinebelow\
        zmonospacezohiraganazokatakanazparenzretroflexhookzstrokezuhiraganazukatakana",
    ends: &[
        1, 3, 10, 18, 25, 31, 42, 48, 59, 73, 87, 98, 113, 124, 130, 137, 148, 164, 183, 199, 219,
        235, 251, 256, 266, 275, 284, 293, 310, 325, 339, 348, 358, 364, 375, 385, 396, 410, 415,
        425, 432, 442, 449, 454, 464, 474, 484, 490, 496, 507, 518, 519, 526, 536, 545, 555, 566,
        570, 575, 585, 595, 605, 611, 618, 619, 629, 635, 640, 650, 656, 664, 677, 690, 697, 708,
        712, 722, 734, 745, 765, 776, 805, 825, 844, 856, 877, 902, 905, 910, 925, 935, 945, 951,
        952, 954, 961, 971, 979, 983, 989, 997, 1004, 1020, 1026, 1036, 1045, 1055, 1064, 1069,
        1079, 1084, 1092, 1105, 1118, 1131, 1143, 1154, 1164, 1174, 1188, 1194, 1200, 1207, 1209,
        1216, 1236, 1247, 1259, 1260, 1266, 1277, 1283, 1289, 1302, 1313, 1320, 1331, 1347, 1363,
        1382, 1398, 1418, 1434, 1450, 1459, 1468, 1477, 1491, 1495, 1505, 1514, 1524, 1530, 1541,
        1551, 1561, 1571, 1585, 1602, 1612, 1623, 1630, 1642, 1654, 1664, 1674, 1684, 1703, 1706,
        1719, 1733, 1740, 1745, 1752, 1764, 1774, 1783, 1800, 1810, 1829, 1832, 1838, 1841, 1851,
        1859, 1862, 1870, 1876, 1887, 1891, 1894, 1902, 1913, 1914, 1922, 1930, 1937, 1944, 1951,
        1958, 1968, 1979, 1988, 1993, 2005, 2014, 2024, 2033, 2039, 2040, 2048, 2054, 2059, 2071,
        2083, 2089, 2095, 2103, 2110, 2121, 2133, 2137, 2147, 2157, 2167, 2178, 2193, 2205, 2226,
        2243, 2260, 2265, 2276, 2287, 2294, 2304, 2309, 2319, 2325, 2335, 2342, 2343, 2349, 2355,
        2361, 2367, 2375, 2394, 2413, 2429, 2433, 2444, 2452, 2459, 2470, 2479, 2489, 2498, 2508,
        2518, 2528, 2534, 2546, 2563, 2571, 2572, 2582, 2584, 2594, 2600, 2611, 2617, 2623, 2630,
        2641, 2657, 2666, 2675, 2684, 2698, 2715, 2729, 2733, 2743, 2752, 2767, 2777, 2785, 2793,
        2799, 2810, 2820, 2830, 2844, 2859, 2866, 2881, 2891, 2902, 2912, 2919, 2923, 2934, 2946,
        2955, 2961, 2968, 2974, 2985, 3000, 3023, 3024, 3034, 3041, 3052, 3062, 3074, 3084, 3090,
        3091, 3099, 3107, 3124, 3130, 3140, 3159, 3173, 3178, 3194, 3218, 3224, 3232, 3239, 3251,
        3260, 3271, 3282, 3293, 3303, 3308, 3319, 3329, 3339, 3352, 3362, 3373, 3379, 3380, 3382,
        3384, 3390, 3396, 3402, 3410, 3417, 3433, 3445, 3449, 3459, 3468, 3483, 3495, 3497, 3508,
        3518, 3528, 3534, 3545, 3551, 3552, 3560, 3566, 3577, 3583, 3590, 3600, 3609, 3620, 3630,
        3636, 3643, 3645, 3646, 3648, 3654, 3660, 3668, 3675, 3691, 3703, 3713, 3722, 3724, 3733,
        3742, 3744, 3755, 3765, 3775, 3786, 3792, 3798, 3809, 3811, 3812, 3814, 3821, 3827, 3838,
        3853, 3876, 3882, 3888, 3902, 3909, 3920, 3936, 3955, 3971, 3991, 4007, 4023, 4032, 4041,
        4050, 4059, 4076, 4090, 4099, 4110, 4116, 4127, 4137, 4140, 4150, 4155, 4165, 4178, 4188,
        4202, 4212, 4225, 4227, 4241, 4248, 4260, 4272, 4277, 4290, 4300, 4318, 4336, 4346, 4353,
        4365, 4375, 4383, 4390, 4403, 4408, 4414, 4425, 4436, 4442, 4454, 4464, 4470, 4481, 4495,
        4506, 4507, 4513, 4520, 4530, 4540, 4551, 4571, 4574, 4579, 4581, 4593, 4603, 4606, 4617,
        4623, 4624, 4631, 4641, 4647, 4648, 4658, 4664, 4670, 4678, 4685, 4697, 4706, 4716, 4725,
        4740, 4751, 4759, 4767, 4770, 4779, 4793, 4803, 4813, 4819, 4833, 4855, 4856, 4864, 4872,
        4880, 4888, 4896, 4904, 4912, 4920, 4928, 4936, 4944, 4952, 4960, 4968, 4976, 4984, 4992,
        5000, 5008, 5016, 5024, 5032, 5040, 5048, 5056, 5064, 5072, 5080, 5088, 5096, 5104, 5112,
        5120, 5128, 5136, 5144, 5152, 5160, 5168, 5176, 5178, 5185, 5191, 5206, 5216, 5222, 5237,
        5248, 5256, 5261, 5274, 5295, 5302, 5313, 5325, 5335, 5344, 5362, 5373, 5383, 5394, 5405,
        5418, 5428, 5440, 5451, 5456, 5464, 5474, 5490, 5496, 5507, 5508, 5511, 5515, 5521, 5529,
        5536, 5552, 5564, 5574, 5583, 5593, 5612, 5620, 5633, 5638, 5643, 5648, 5658, 5668, 5678,
        5690, 5700, 5710, 5720, 5728, 5735, 5742, 5756, 5767, 5779, 5785, 5796, 5804, 5805, 5811,
        5822, 5828, 5834, 5841, 5852, 5868, 5884, 5893, 5902, 5911, 5920, 5934, 5948, 5962, 5979,
        5993, 6008, 6022, 6031, 6037, 6048, 6058, 6063, 6073, 6086, 6096, 6110, 6120, 6133, 6154,
        6168, 6178, 6185, 6200, 6215, 6225, 6232, 6239, 6247, 6274, 6288, 6303, 6333, 6350, 6362,
        6367, 6381, 6387, 6404, 6427, 6433, 6444, 6455, 6456, 6463, 6472, 6482, 6493, 6498, 6508,
        6518, 6524, 6530, 6531, 6537, 6544, 6555, 6564, 6574, 6583, 6589, 6599, 6605, 6606, 6613,
        6622, 6632, 6643, 6645, 6655, 6661, 6662, 6668, 6679, 6690, 6697, 6708, 6717, 6731, 6741,
        6750, 6762, 6782, 6788, 6793, 6803, 6813, 6823, 6835, 6845, 6851, 6857, 6871, 6893, 6910,
        6935, 6936, 6946, 6952, 6958, 6969, 6976, 6987, 6991, 7001, 7010, 7020, 7039, 7057, 7061,
        7072, 7088, 7099, 7119, 7138, 7148, 7158, 7164, 7171, 7172, 7181, 7187, 7193, 7203, 7213,
        7228, 7238, 7256, 7271, 7290, 7314, 7334, 7342, 7351, 7357, 7368, 7382, 7396, 7407, 7422,
        7433, 7439, 7446, 7457, 7473, 7492, 7508, 7528, 7544, 7549, 7562, 7570, 7579, 7588, 7599,
        7611, 7620, 7629, 7642, 7647, 7656, 7673, 7688, 7697, 7707, 7709, 7716, 7724, 7732, 7741,
        7750, 7759, 7768, 7777, 7786, 7795, 7804, 7813, 7822, 7831, 7840, 7849, 7858, 7867, 7876,
        7885, 7894, 7903, 7912, 7921, 7930, 7939, 7948, 7957, 7966, 7975, 7984, 7993, 8002, 8011,
        8020, 8029, 8038, 8047, 8056, 8065, 8074, 8083, 8092, 8101, 8110, 8119, 8128, 8137, 8146,
        8155, 8164, 8173, 8182, 8191, 8200, 8209, 8218, 8227, 8236, 8245, 8254, 8263, 8272, 8281,
        8290, 8299, 8308, 8317, 8326, 8335, 8344, 8353, 8362, 8371, 8380, 8389, 8398, 8407, 8416,
        8425, 8434, 8443, 8452, 8461, 8470, 8479, 8488, 8497, 8506, 8515, 8524, 8533, 8542, 8551,
        8560, 8569, 8578, 8587, 8596, 8605, 8614, 8623, 8632, 8641, 8650, 8659, 8668, 8677, 8686,
        8695, 8704, 8711, 8718, 8725, 8734, 8743, 8752, 8761, 8770, 8779, 8788, 8797, 8806, 8815,
        8824, 8833, 8842, 8851, 8860, 8869, 8878, 8887, 8896, 8905, 8914, 8923, 8932, 8941, 8950,
        8959, 8968, 8977, 8986, 8995, 9004, 9013, 9022, 9031, 9040, 9049, 9058, 9067, 9076, 9085,
        9094, 9103, 9112, 9121, 9130, 9139, 9148, 9157, 9166, 9175, 9184, 9193, 9202, 9211, 9220,
        9229, 9238, 9247, 9256, 9265, 9274, 9283, 9292, 9301, 9310, 9319, 9328, 9337, 9346, 9355,
        9364, 9373, 9382, 9391, 9400, 9409, 9418, 9427, 9436, 9445, 9454, 9463, 9472, 9481, 9490,
        9499, 9508, 9517, 9526, 9535, 9544, 9553, 9562, 9571, 9580, 9589, 9598, 9607, 9616, 9625,
        9634, 9643, 9652, 9661, 9670, 9679, 9688, 9697, 9706, 9715, 9724, 9733, 9742, 9751, 9760,
        9769, 9778, 9787, 9796, 9805, 9814, 9823, 9832, 9841, 9850, 9859, 9868, 9877, 9886, 9895,
        9904, 9913, 9922, 9931, 9940, 9946, 9955, 9964, 9973, 9983, 9992, 10002, 10008, 10019,
        10029, 10039, 10054, 10063, 10077, 10093, 10108, 10122, 10140, 10155, 10174, 10183, 10201,
        10208, 10212, 10222, 10238, 10253, 10273, 10298, 10318, 10343, 10353, 10368, 10388, 10413,
        10430, 10452, 10476, 10499, 10514, 10530, 10535, 10543, 10548, 10558, 10569, 10576, 10586,
        10595, 10613, 10627, 10635, 10645, 10656, 10670, 10685, 10699, 10704, 10720, 10744, 10761,
        10786, 10795, 10807, 10820, 10832, 10845, 10855, 10868, 10882, 10895, 10909, 10917, 10926,
        10938, 10953, 10965, 10981, 10988, 11000, 11006, 11024, 11037, 11042, 11052, 11063, 11081,
        11099, 11111, 11122, 11125, 11139, 11144, 11154, 11164, 11173, 11183, 11190, 11203, 11216,
        11230, 11241, 11253, 11266, 11278, 11290, 11303, 11313, 11323, 11337, 11346, 11359, 11373,
        11387, 11403, 11419, 11436, 11450, 11462, 11471, 11487, 11499, 11517, 11535, 11551, 11565,
        11579, 11593, 11603, 11620, 11639, 11654, 11672, 11689, 11704, 11718, 11732, 11744, 11757,
        11764, 11771, 11780, 11792, 11807, 11818, 11835, 11847, 11859, 11870, 11882, 11902, 11913,
        11933, 11943, 11962, 11969, 11982, 11996, 12010, 12033, 12041, 12061, 12075, 12091, 12103,
        12120, 12133, 12141, 12150, 12169, 12171, 12177, 12188, 12195, 12202, 12211, 12221, 12227,
        12237, 12247, 12266, 12281, 12299, 12314, 12333, 12345, 12356, 12360, 12376, 12386, 12387,
        12396, 12405, 12417, 12430, 12442, 12455, 12473, 12479, 12489, 12499, 12509, 12517, 12527,
        12530, 12536, 12544, 12549, 12561, 12570, 12577, 12587, 12596, 12616, 12623, 12633, 12642,
        12656, 12672, 12682, 12697, 12717, 12738, 12756, 12766, 12777, 12780, 12784, 12799, 12808,
        12823, 12832, 12845, 12855, 12862, 12873, 12884, 12889, 12899, 12909, 12922, 12935, 12945,
        12956, 12968, 12993, 13017, 13042, 13068, 13102, 13129, 13164, 13186, 13209, 13223, 13248,
        13274, 13290, 13306, 13317, 13326, 13348, 13371, 13399, 13422, 13427, 13437, 13442, 13452,
        13464, 13474, 13484, 13490, 13498, 13505, 13513, 13522, 13534, 13547, 13559, 13572, 13583,
        13595, 13608, 13626, 13640, 13651, 13668, 13678, 13691, 13705, 13718, 13732, 13744, 13757,
        13771, 13790, 13805, 13817, 13835, 13846, 13860, 13875, 13889, 13904, 13917, 13930, 13950,
        13963, 13975, 13990, 14006, 14021, 14037, 14051, 14065, 14086, 14100, 14105, 14118, 14126,
        14147, 14163, 14185, 14199, 14221, 14230, 14237, 14246, 14253, 14263, 14273, 14279, 14292,
        14306, 14314, 14315, 14325, 14334, 14340, 14346, 14356, 14366, 14375, 14393, 14407, 14422,
        14441, 14460, 14468, 14474, 14479, 14492, 14500, 14514, 14523, 14529, 14537, 14550, 14557,
        14568, 14573, 14577, 14587, 14595, 14602, 14612, 14623, 14637, 14652, 14666, 14681, 14693,
        14708, 14724, 14739, 14755, 14759, 14769, 14781, 14794, 14806, 14818, 14829, 14839, 14846,
        14857, 14868, 14878, 14898, 14907, 14918, 14947, 14967, 14986, 14998, 15019, 15044, 15047,
        15067, 15086, 15105, 15118, 15136, 15148, 15159, 15171, 15182, 15187, 15205, 15222, 15239,
        15250, 15266, 15283, 15289, 15301, 15313, 15322, 15338, 15351, 15362, 15376, 15397, 15415,
        15423, 15433, 15450, 15464, 15480, 15503, 15527, 15537, 15555, 15568, 15573, 15586, 15597,
        15609, 15623, 15627, 15640, 15653, 15666, 15676, 15691, 15701, 15706, 15719, 15733, 15742,
        15752, 15774, 15792, 15797, 15810, 15828, 15839, 15850, 15863, 15876, 15890, 15911, 15927,
        15937, 15950, 15969, 15983, 15990, 16002, 16011, 16030, 16046, 16061, 16068, 16078, 16088,
        16097, 16107, 16116, 16126, 16136, 16146, 16156, 16166, 16176, 16185, 16195, 16205, 16215,
        16225, 16235, 16244, 16253, 16262, 16271, 16280, 16290, 16299, 16308, 16317, 16327, 16337,
        16347, 16357, 16366, 16375, 16384, 16400, 16413, 16422, 16435, 16449, 16466, 16492, 16517,
        16535, 16562, 16588, 16605, 16613, 16626, 16632, 16640, 16650, 16658, 16665, 16673, 16676,
        16684, 16691, 16699, 16706, 16707, 16717, 16726, 16735, 16741, 16755, 16771, 16786, 16792,
        16804, 16810, 16819, 16829, 16839, 16849, 16859, 16868, 16873, 16884, 16901, 16916, 16937,
        16952, 16973, 16984, 16994, 17010, 17020, 17036, 17046, 17062, 17073, 17090, 17101, 17118,
        17128, 17144, 17154, 17170, 17180, 17196, 17210, 17221, 17235, 17255, 17269, 17274, 17285,
        17300, 17324, 17328, 17336, 17355, 17382, 17402, 17430, 17453, 17465, 17478, 17492, 17507,
        17515, 17523, 17534, 17545, 17555, 17568, 17582, 17593, 17607, 17630, 17639, 17647, 17653,
        17661, 17668, 17684, 17690, 17700, 17707, 17718, 17729, 17739, 17754, 17763, 17774, 17782,
        17794, 17806, 17816, 17825, 17847, 17870, 17880, 17886, 17896, 17906, 17915, 17925, 17935,
        17946, 17951, 17962, 17997, 18001, 18011, 18018, 18029, 18040, 18045, 18059, 18076, 18083,
        18091, 18102, 18118, 18126, 18139, 18155, 18166, 18179, 18192, 18202, 18212, 18221, 18227,
        18234, 18247, 18258, 18265, 18275, 18283, 18290, 18300, 18307, 18318, 18327, 18337, 18347,
        18353, 18367, 18382, 18396, 18407, 18421, 18425, 18435, 18444, 18456, 18467, 18479, 18490,
        18498, 18506, 18515, 18533, 18540, 18552, 18566, 18586, 18602, 18613, 18619, 18628, 18633,
        18640, 18650, 18660, 18662, 18670, 18677, 18683, 18703, 18714, 18726, 18727, 18733, 18738,
        18746, 18755, 18761, 18772, 18787, 18807, 18831, 18837, 18850, 18861, 18876, 18883, 18894,
        18910, 18926, 18945, 18961, 18981, 18997, 19006, 19015, 19020, 19029, 19033, 19043, 19052,
        19062, 19077, 19087, 19093, 19102, 19112, 19122, 19131, 19141, 19151, 19156, 19167, 19179,
        19190, 19217, 19226, 19240, 19253, 19267, 19280, 19293, 19308, 19321, 19337, 19358, 19371,
        19385, 19398, 19408, 19419, 19431, 19441, 19454, 19463, 19477, 19494, 19503, 19521, 19536,
        19543, 19553, 19560, 19572, 19583, 19595, 19606, 19614, 19630, 19637, 19649, 19661, 19671,
        19677, 19691, 19701, 19721, 19729, 19738, 19748, 19758, 19764, 19778, 19797, 19800, 19811,
        19824, 19838, 19845, 19852, 19860, 19865, 19876, 19889, 19908, 19925, 19931, 19938, 19946,
        19958, 19963, 19977, 19987, 20000, 20011, 20026, 20036, 20046, 20055, 20072, 20082, 20101,
        20104, 20111, 20121, 20140, 20155, 20171, 20185, 20199, 20222, 20231, 20240, 20243, 20253,
        20261, 20264, 20270, 20281, 20299, 20321, 20334, 20351, 20358, 20366, 20370, 20387, 20401,
        20419, 20425, 20439, 20448, 20458, 20473, 20488, 20499, 20510, 20513, 20521, 20528, 20539,
        20546, 20547, 20550, 20555, 20560, 20563, 20566, 20572, 20582, 20592, 20603, 20617, 20631,
        20640, 20647, 20657, 20666, 20677, 20691, 20707, 20722, 20731, 20737, 20739, 20742, 20745,
        20747, 20760, 20772, 20785, 20795, 20804, 20814, 20822, 20836, 20856, 20870, 20884, 20904,
        20917, 20936, 20944, 20958, 20966, 20980, 20987, 21000, 21010, 21026, 21042, 21049, 21061,
        21065, 21075, 21086, 21096, 21122, 21130, 21141, 21153, 21165, 21179, 21191, 21211, 21223,
        21236, 21248, 21257, 21267, 21278, 21287, 21299, 21307, 21309, 21313, 21322, 21334, 21347,
        21359, 21372, 21382, 21395, 21409, 21422, 21436, 21442, 21452, 21460, 21469, 21477, 21484,
        21496, 21507, 21513, 21517, 21527, 21538, 21548, 21574, 21582, 21594, 21606, 21620, 21632,
        21652, 21664, 21677, 21697, 21709, 21718, 21728, 21739, 21748, 21760, 21774, 21787, 21801,
        21809, 21826, 21832, 21840, 21845, 21846, 21855, 21861, 21867, 21876, 21890, 21906, 21921,
        21931, 21941, 21951, 21961, 21966, 21981, 21994, 22006, 22015, 22021, 22027, 22035, 22042,
        22053, 22065, 22069, 22079, 22089, 22099, 22109, 22127, 22145, 22157, 22175, 22185, 22206,
        22221, 22229, 22239, 22251, 22258, 22269, 22280, 22291, 22307, 22325, 22342, 22363, 22380,
        22397, 22405, 22417, 22422, 22431, 22441, 22451, 22462, 22467, 22478, 22495, 22506, 22517,
        22538, 22549, 22568, 22582, 22601, 22623, 22650, 22667, 22692, 22699, 22709, 22719, 22729,
        22735, 22744, 22752, 22757, 22770, 22778, 22787, 22796, 22807, 22821, 22833, 22840, 22852,
        22870, 22886, 22897, 22916, 22929, 22945, 22957, 22964, 22971, 22981, 22994, 23008, 23021,
        23035, 23045, 23057, 23065, 23066, 23085, 23099, 23108, 23127, 23133, 23143, 23153, 23162,
        23176, 23192, 23202, 23217, 23228, 23238, 23257, 23271, 23282, 23298, 23317, 23333, 23352,
        23366, 23385, 23407, 23423, 23435, 23451, 23468, 23483, 23496, 23514, 23530, 23544, 23552,
        23562, 23574, 23586, 23598, 23614, 23636, 23659, 23679, 23690, 23703, 23716, 23729, 23746,
        23769, 23793, 23814, 23824, 23836, 23848, 23860, 23876, 23898, 23921, 23941, 23948, 23956,
        23965, 23969, 23978, 23989, 23997, 24004, 24015, 24024, 24034, 24043, 24045, 24050, 24056,
        24070, 24084, 24092, 24106, 24121, 24130, 24138, 24158, 24178, 24192, 24216, 24243, 24265,
        24281, 24291, 24312, 24327, 24342, 24352, 24371, 24386, 24394, 24406, 24409, 24418, 24423,
        24436, 24454, 24471, 24488, 24499, 24515, 24525, 24535, 24554, 24559, 24566, 24573, 24580,
        24591, 24608, 24626, 24641, 24651, 24661, 24671, 24680, 24690, 24700, 24719, 24724, 24731,
        24738, 24745, 24756, 24773, 24791, 24806, 24818, 24831, 24838, 24850, 24873, 24894, 24907,
        24917, 24927, 24940, 24947, 24957, 24962, 24968, 24977, 24984, 24994, 25006, 25016, 25035,
        25047, 25062, 25064, 25070, 25080, 25090, 25104, 25119, 25130, 25144, 25153, 25154, 25160,
        25170, 25178, 25187, 25193, 25199, 25206, 25217, 25226, 25235, 25255, 25274, 25298, 25318,
        25341, 25357, 25373, 25393, 25423, 25447, 25468, 25494, 25520, 25544, 25570, 25595, 25615,
        25635, 25656, 25680, 25702, 25723, 25744, 25764, 25789, 25810, 25830, 25850, 25867, 25889,
        25910, 25935, 25959, 25981, 26004, 26024, 26047, 26063, 26086, 26107, 26128, 26147, 26172,
        26193, 26213, 26228, 26248, 26267, 26286, 26304, 26324, 26343, 26348, 26357, 26371, 26388,
        26397, 26412, 26422, 26440, 26457, 26474, 26485, 26501, 26507, 26516, 26525, 26534, 26544,
        26553, 26563, 26569, 26579, 26589, 26604, 26618, 26633, 26651, 26666, 26685, 26687, 26696,
        26714, 26721, 26725, 26735, 26742, 26757, 26782, 26796, 26806, 26815, 26823, 26834, 26842,
        26856, 26866, 26881, 26891, 26903, 26914, 26924, 26935, 26950, 26962, 26981, 26995, 27011,
        27021, 27030, 27039, 27051, 27061, 27068, 27072, 27084, 27101, 27110, 27119, 27125, 27136,
        27150, 27164, 27187, 27200, 27207, 27216, 27233, 27250, 27256, 27267, 27277, 27287, 27304,
        27318, 27336, 27351, 27374, 27375, 27385, 27394, 27400, 27410, 27420, 27429, 27435, 27442,
        27453, 27465, 27479, 27489, 27499, 27514, 27531, 27547, 27556, 27570, 27580, 27587, 27598,
        27609, 27621, 27624, 27634, 27640, 27649, 27650, 27667, 27676, 27682, 27692, 27711, 27717,
        27720, 27729, 27738, 27753, 27767, 27776, 27792, 27807, 27820, 27830, 27840, 27850, 27864,
        27874, 27893, 27898, 27914, 27933, 27954, 27973, 27997, 28010, 28027, 28057, 28072, 28080,
        28091, 28105, 28121, 28149, 28173, 28182, 28192, 28198, 28206, 28213, 28225, 28234, 28245,
        28255, 28265, 28284, 28295, 28310, 28322, 28332, 28343, 28350, 28361, 28372, 28382, 28397,
        28414, 28430, 28440, 28448, 28460, 28480, 28499, 28518, 28531, 28549, 28560, 28571, 28583,
        28595, 28605, 28610, 28624, 28633, 28643, 28653, 28672, 28688, 28705, 28715, 28734, 28752,
        28770, 28782, 28799, 28815, 28826, 28836, 28844, 28857, 28867, 28882, 28892, 28902, 28911,
        28921, 28940, 28951, 28964, 28984, 28994, 29000, 29009, 29020, 29028, 29035, 29045, 29055,
        29074, 29082, 29090, 29091, 29100, 29106, 29112, 29122, 29132, 29147, 29165, 29193, 29224,
        29252, 29283, 29304, 29332, 29363, 29372, 29378, 29390, 29395, 29406, 29423, 29434, 29444,
        29460, 29482, 29498, 29512, 29531, 29547, 29567, 29587, 29610, 29625, 29648, 29668, 29692,
        29716, 29727, 29737, 29741, 29746, 29755, 29761, 29769, 29776, 29792, 29804, 29808, 29818,
        29827, 29842, 29859, 29875, 29879, 29888, 29906, 29919, 29927, 29943, 29956, 29969, 29978,
        29982, 29989, 30003, 30007, 30019, 30021, 30032, 30034, 30041, 30052, 30062, 30070, 30086,
        30099, 30124, 30146, 30158, 30168, 30176, 30187, 30197, 30214, 30228, 30238, 30256, 30265,
        30281, 30294, 30304, 30309, 30326, 30336, 30349, 30356, 30362, 30369, 30375, 30382, 30391,
        30398, 30404, 30419, 30431, 30455, 30476, 30484, 30485, 30494, 30500, 30514, 30523, 30535,
        30550, 30556, 30562, 30572, 30582, 30596, 30614, 30624, 30646, 30669, 30684, 30708, 30724,
        30741, 30750, 30768, 30786, 30800, 30817, 30830, 30847, 30865, 30875, 30894, 30911, 30929,
        30939, 30958, 30970, 30980, 30999, 31003, 31016, 31027, 31031, 31049, 31057, 31066, 31074,
        31081, 31093, 31103, 31112, 31122, 31137, 31154, 31170, 31191, 31213, 31226, 31236, 31250,
        31260, 31279, 31282, 31291, 31306, 31315, 31326, 31338, 31356, 31378, 31394, 31399, 31408,
        31434, 31440, 31458, 31475, 31492, 31503, 31521, 31537, 31553, 31568, 31578, 31588, 31607,
        31612, 31625, 31636, 31644, 31653, 31659, 31674, 31684, 31698, 31706, 31719, 31729, 31744,
        31754, 31764, 31774, 31793, 31802, 31810, 31822, 31841, 31847, 31856, 31864, 31873, 31880,
        31882, 31885, 31894, 31905, 31913, 31922, 31929, 31938, 31948, 31958, 31977, 31986, 31994,
        32003, 32014, 32029, 32040, 32054, 32067, 32081, 32090, 32099, 32108, 32120, 32128, 32140,
        32148, 32149, 32158, 32163, 32169, 32175, 32185, 32195, 32205, 32215, 32234, 32245, 32253,
        32260, 32269, 32276, 32282, 32290, 32297, 32313, 32325, 32335, 32344, 32357, 32367, 32377,
        32396, 32409, 32417, 32419, 32429, 32436, 32447, 32458, 32468, 32477, 32486, 32500, 32518,
        32535, 32551, 32568, 32584, 32595, 32613, 32629, 32644, 32661, 32671, 32681, 32700, 32716,
        32728, 32732, 32742, 32753, 32763, 32789, 32797, 32809, 32821, 32835, 32847, 32867, 32879,
        32892, 32904, 32913, 32923, 32934, 32943, 32955, 32969, 32982, 32996, 33004, 33006, 33017,
        33026, 33044, 33057, 33067, 33077, 33085, 33095, 33102, 33113, 33124, 33132, 33142, 33152,
        33171, 33187, 33196, 33204, 33214, 33229, 33245, 33266, 33286, 33303, 33324, 33346, 33362,
        33383, 33405, 33424, 33435, 33445, 33457, 33465, 33475, 33493, 33510, 33522, 33529, 33544,
        33555, 33566, 33575, 33586, 33597, 33608, 33614, 33622, 33631, 33637, 33639, 33649, 33659,
        33678, 33690, 33699, 33712, 33725, 33735, 33754, 33769, 33785, 33806, 33812, 33815, 33824,
        33839, 33848, 33856, 33864, 33874, 33881, 33892, 33903, 33904, 33910, 33918, 33925, 33940,
        33963, 33971, 33980, 33986, 33997, 34012, 34032, 34056, 34062, 34069, 34080, 34096, 34115,
        34131, 34151, 34167, 34176, 34185, 34194, 34199, 34208, 34225, 34234, 34236, 34244, 34250,
        34259, 34265, 34274, 34284, 34293, 34303, 34308, 34318, 34331, 34341, 34355, 34365, 34378,
        34380, 34394, 34403, 34421, 34428, 34437, 34444, 34456, 34468, 34474, 34479, 34485, 34498,
        34514, 34532, 34550, 34560, 34570, 34577, 34589, 34599, 34602, 34611, 34621, 34630, 34655,
        34662, 34676, 34685, 34694, 34705, 34716, 34729, 34736, 34747, 34766, 34777, 34789, 34808,
        34819, 34827, 34836, 34846, 34856, 34864, 34875, 34882, 34890, 34897, 34910, 34920, 34935,
        34940, 34946, 34956, 34962, 34973, 34985, 34995, 35005, 35024, 35030, 35041, 35055, 35069,
        35092, 35104, 35113, 35123, 35129, 35140, 35154, 35164, 35172, 35190, 35201, 35215, 35230,
        35242, 35251, 35268, 35282, 35300, 35305, 35306, 35318, 35332, 35341, 35347, 35353, 35361,
        35367, 35377, 35387, 35397, 35410, 35420, 35445, 35461, 35474, 35483, 35491, 35500, 35512,
        35525, 35546, 35558, 35571, 35582, 35593, 35605, 35622, 35640, 35654, 35671, 35682, 35699,
        35709, 35722, 35736, 35758, 35771, 35785, 35797, 35809, 35822, 35840, 35859, 35874, 35892,
        35904, 35922, 35933, 35944, 35956, 35964, 35969, 35976, 35983, 35990, 36001, 36018, 36036,
        36051, 36062, 36071, 36078, 36088, 36090, 36100, 36108, 36122, 36133, 36152, 36161, 36172,
        36180, 36194, 36210, 36220, 36235, 36245, 36265, 36277, 36284, 36297, 36313, 36325, 36331,
        36345, 36359, 36374, 36388, 36403, 36414, 36428, 36447, 36460, 36474, 36485, 36491, 36499,
        36509, 36516, 36527, 36538, 36541, 36545, 36565, 36584, 36603, 36616, 36634, 36642, 36653,
        36667, 36672, 36683, 36695, 36709, 36711, 36714, 36732, 36749, 36765, 36782, 36799, 36810,
        36826, 36847, 36862, 36883, 36901, 36918, 36928, 36938, 36951, 36963, 36967, 36979, 36989,
        36998, 37005, 37018, 37027, 37039, 37049, 37057, 37067, 37089, 37111, 37134, 37154, 37164,
        37173, 37183, 37197, 37203, 37211, 37224, 37236, 37241, 37249, 37262, 37269, 37283, 37294,
        37304, 37317, 37326, 37338, 37352, 37362, 37374, 37377, 37388, 37412, 37420, 37430, 37440,
        37449, 37457, 37465, 37466, 37472, 37483, 37492, 37506, 37522, 37537, 37543, 37551, 37559,
        37567, 37575, 37583, 37591, 37599, 37611, 37629, 37646, 37669, 37693, 37714, 37733, 37749,
        37765, 37774, 37781, 37786, 37796, 37799, 37808, 37823, 37836, 37855, 37868, 37887, 37896,
        37904, 37918, 37926, 37940, 37948, 37962, 37971, 37986, 37995, 38010, 38018, 38032, 38040,
        38054, 38062, 38076, 38082, 38093, 38099, 38107, 38115, 38123, 38135, 38153, 38172, 38188,
        38196, 38210, 38226, 38238, 38255, 38268, 38285, 38298, 38306, 38318, 38330, 38347, 38360,
        38381, 38394, 38403, 38420, 38433, 38443, 38454, 38468, 38479, 38499, 38500, 38510, 38519,
        38525, 38531, 38538, 38548, 38559, 38569, 38580, 38589, 38598, 38612, 38633, 38642, 38646,
        38656, 38666, 38676, 38686, 38696, 38715, 38737, 38760, 38768, 38777, 38782, 38791, 38797,
        38805, 38812, 38824, 38833, 38843, 38852, 38867, 38880, 38892, 38906, 38916, 38928, 38941,
        38950, 38961, 38975, 38985, 39004, 39014, 39033, 39037, 39053, 39067, 39087, 39101, 39121,
        39131, 39140, 39155, 39164, 39179, 39188, 39203, 39213, 39229, 39239, 39255, 39264, 39279,
        39288, 39303, 39312, 39327, 39340, 39351, 39369, 39382, 39391, 39408, 39418, 39425, 39428,
        39432, 39437, 39448, 39467, 39481, 39494, 39512, 39529, 39546, 39562, 39579, 39600, 39611,
        39627, 39645, 39661, 39679, 39695, 39715, 39730, 39748, 39765, 39787, 39797, 39814, 39827,
        39837, 39847, 39866, 39870, 39882, 39889, 39901, 39921, 39941, 39961, 39974, 39995, 40016,
        40030, 40043, 40053, 40061, 40075, 40085, 40095, 40105, 40124, 40133, 40139, 40149, 40156,
        40167, 40177, 40192, 40208, 40221, 40238, 40263, 40285, 40311, 40320, 40327, 40334, 40349,
        40359, 40369, 40388, 40404, 40420, 40426, 40432, 40447, 40459, 40475, 40499, 40520, 40545,
        40546, 40555, 40561, 40576, 40585, 40591, 40605, 40621, 40636, 40646, 40656, 40666, 40676,
        40695, 40726, 40732, 40744, 40762, 40774, 40784, 40794, 40812, 40829, 40839, 40848, 40857,
        40871, 40881, 40894, 40903, 40912, 40927, 40938, 40952, 40962, 40971, 40981, 40990, 40996,
        41011, 41019, 41024, 41037, 41058, 41067, 41074, 41085, 41097, 41107, 41116, 41134, 41149,
        41155, 41172, 41179, 41189, 41204, 41221, 41237, 41242, 41249, 41256, 41263, 41274, 41291,
        41309, 41322, 41337, 41348, 41358, 41368, 41387, 41396, 41411, 41429, 41443, 41461, 41488,
        41499, 41510, 41515, 41526, 41538, 41549, 41576, 41585, 41597, 41610, 41623, 41638, 41651,
        41672, 41685, 41699, 41712, 41722, 41733, 41745, 41755, 41768, 41783, 41797, 41812, 41821,
        41830, 41841, 41851, 41862, 41874, 41891, 41911, 41928, 41948, 41965, 41985, 41990, 41999,
        42009, 42020, 42027, 42038, 42049, 42065, 42070, 42080, 42093, 42104, 42120, 42138, 42155,
        42165, 42171, 42183, 42188, 42196, 42203, 42210, 42217, 42228, 42245, 42263, 42278, 42290,
        42301, 42305, 42315, 42331, 42348, 42371, 42387, 42409, 42422, 42432, 42443, 42460, 42470,
        42486, 42491, 42496, 42502, 42512, 42534, 42544, 42554, 42573, 42584, 42599, 42606, 42618,
        42630, 42647, 42663, 42678, 42694, 42710, 42720, 42735, 42750, 42765, 42781, 42784, 42793,
        42803, 42812, 42837, 42844, 42855, 42866, 42879, 42890, 42909, 42920, 42932, 42943, 42951,
        42960, 42970, 42978, 42989, 43002, 43035, 43047, 43060, 43067, 43072, 43080, 43089, 43097,
        43106, 43120, 43125, 43139, 43148, 43157, 43166, 43176, 43190, 43200, 43216, 43226, 43236,
        43255, 43276, 43298, 43308, 43318, 43326, 43335, 43340, 43355, 43360, 43374, 43388, 43394,
        43408, 43416, 43424, 43452, 43472, 43480, 43488, 43503, 43511, 43520, 43528, 43537, 43545,
        43559, 43589, 43620, 43651, 43669, 43694, 43702, 43712, 43719, 43730, 43746, 43762, 43778,
        43795, 43811, 43827, 43842, 43859, 43868, 43872, 43880, 43897, 43917, 43938, 43944, 43958,
        43971, 43984, 43992, 44000, 44010, 44020, 44039, 44050, 44059, 44075, 44088, 44091, 44099,
        44115, 44130, 44145, 44153, 44168, 44169, 44178, 44186, 44194, 44200, 44210, 44220, 44229,
        44243, 44259, 44269, 44284, 44300, 44310, 44329, 44342, 44345, 44348, 44356, 44365, 44380,
        44389, 44393, 44402, 44408, 44414, 44422, 44433, 44449, 44467, 44484, 44506, 44513, 44529,
        44541, 44550, 44560, 44569, 44579, 44598, 44607, 44621, 44640, 44660, 44676, 44686, 44706,
        44727, 44743, 44764, 44779, 44799, 44820, 44838, 44848, 44867, 44876, 44890, 44909, 44928,
        44937, 44956, 44964, 44973, 44981, 44985, 44988, 44997, 45012, 45021, 45034, 45045, 45060,
        45070, 45077, 45088, 45099, 45109, 45124, 45146, 45169, 45184, 45208, 45218, 45233, 45250,
        45266, 45277, 45286, 45291, 45297, 45313, 45333, 45352, 45371, 45384, 45402, 45416, 45429,
        45443, 45460, 45465, 45479, 45484, 45497, 45508, 45520, 45532, 45548, 45572, 45597, 45602,
        45613, 45625, 45636, 45663, 45672, 45684, 45697, 45710, 45725, 45738, 45759, 45772, 45786,
        45807, 45820, 45830, 45841, 45853, 45866, 45885, 45895, 45908, 45917, 45926, 45929, 45939,
        45949, 45968, 45987, 46005, 46023, 46035, 46052, 46057, 46070, 46078, 46087, 46101, 46114,
        46129, 46145, 46154, 46164, 46175, 46186, 46198, 46214, 46227, 46243, 46255, 46265, 46275,
        46285, 46295, 46305, 46324, 46343, 46361, 46375, 46388, 46401, 46409, 46416, 46423, 46428,
        46437, 46448, 46472, 46501, 46533, 46558, 46588, 46621, 46630, 46642, 46648, 46657, 46670,
        46684, 46698, 46705, 46712, 46719, 46726, 46734, 46745, 46757, 46770, 46772, 46777, 46788,
        46805, 46816, 46827, 46832, 46839, 46846, 46853, 46864, 46881, 46899, 46914, 46926, 46935,
        46945, 46952, 46963, 46974, 46984, 46999, 47016, 47032, 47043, 47051, 47063, 47075, 47082,
        47092, 47102, 47121, 47134, 47148, 47163, 47178, 47202, 47214, 47225, 47237, 47248, 47259,
        47271, 47285, 47296, 47308, 47311, 47320, 47330, 47339, 47364, 47371, 47385, 47397, 47417,
        47428, 47439, 47452, 47463, 47482, 47493, 47505, 47524, 47535, 47543, 47552, 47562, 47570,
        47579, 47590, 47597, 47606, 47607, 47613, 47617, 47625, 47634, 47640, 47646, 47653, 47664,
        47680, 47689, 47699, 47708, 47717, 47722, 47731, 47745, 47759, 47773, 47790, 47804, 47819,
        47828, 47834, 47843, 47852, 47861, 47871, 47876, 47886, 47899, 47909, 47923, 47933, 47946,
        47967, 47981, 47990, 48008, 48018, 48025, 48032, 48047, 48062, 48076, 48086, 48096, 48109,
        48128, 48146, 48160, 48165, 48177, 48187, 48204, 48218, 48225, 48239, 48250, 48259, 48268,
        48275, 48281, 48288, 48302, 48309, 48324, 48344, 48356, 48368, 48382, 48391, 48402, 48407,
        48421, 48435, 48449, 48472, 48489, 48512, 48518, 48529, 48540, 48549, 48555, 48565, 48575,
        48590, 48608, 48623, 48642, 48659, 48673, 48691, 48692, 48698, 48708, 48718, 48728, 48731,
        48740, 48751, 48766, 48775, 48783, 48797, 48809, 48821, 48828, 48837, 48843, 48853, 48862,
        48876, 48892, 48907, 48917, 48922, 48933, 48953, 48973, 48991, 49006, 49017, 49022, 49032,
        49045, 49055, 49069, 49083, 49094, 49109, 49121, 49132, 49142, 49152, 49175, 49198, 49212,
        49235, 49245, 49251, 49257, 49264, 49274, 49284, 49285, 49291, 49300, 49310, 49320, 49339,
        49347, 49362, 49377, 49388, 49396, 49418, 49427, 49441, 49460, 49484, 49492, 49499, 49510,
        49519, 49529, 49538, 49548, 49559, 49569, 49577, 49586, 49592, 49603, 49614, 49632, 49654,
        49684, 49707, 49738, 49750, 49789, 49819, 49844, 49874, 49899, 49925, 49952, 49983, 50009,
        50025, 50041, 50052, 50061, 50075, 50104, 50134, 50162, 50185, 50195, 50205, 50213, 50223,
        50233, 50243, 50262, 50265, 50277, 50287, 50293, 50306, 50311, 50320, 50327, 50331, 50332,
        50341, 50350, 50357, 50366, 50376, 50387, 50389, 50399, 50405, 50414, 50415, 50426, 50435,
        50441, 50447, 50456, 50466, 50476, 50486, 50496, 50515, 50523, 50535, 50550, 50565, 50589,
        50600, 50607, 50618, 50627, 50637, 50646, 50655, 50670, 50690, 50704, 50723, 50747, 50773,
        50798, 50814, 50829, 50849, 50870, 50888, 50911, 50919, 50922, 50934, 50943, 50960, 50978,
        51000, 51012, 51032, 51046, 51067, 51085, 51096, 51102, 51107, 51117, 51127, 51137, 51145,
        51152, 51164, 51174, 51177, 51186, 51201, 51210, 51222, 51239, 51249, 51258, 51268, 51287,
        51295, 51310, 51325, 51349, 51357, 51368, 51378, 51387, 51397, 51403, 51416, 51437, 51439,
        51444, 51453, 51459, 51466, 51476, 51485, 51495, 51514, 51522, 51536, 51558, 51575, 51600,
        51615, 51630, 51654, 51664, 51675, 51685, 51692, 51693, 51703, 51709, 51715, 51725, 51734,
        51748, 51764, 51774, 51789, 51799, 51814, 51824, 51840, 51856, 51867, 51872, 51883, 51900,
        51911, 51920, 51926, 51933, 51944, 51949, 51953, 51963, 51972, 51982, 52001, 52019, 52029,
        52039, 52043, 52053, 52064, 52072, 52084, 52096, 52110, 52122, 52135, 52147, 52158, 52170,
        52178, 52193, 52211, 52225, 52229, 52239, 52250, 52266, 52277, 52297, 52316, 52326, 52336,
        52347, 52357, 52367, 52377, 52387, 52393, 52407, 52414, 52424, 52434,
    ],
    values: &[
        0x0041, 0x00c6, 0x01fc, 0x01e2, 0xf7e6, 0x00c1, 0xf7e1, 0x0102, 0x1eae, 0x04d0, 0x1eb6,
        0x1eb0, 0x1eb2, 0x1eb4, 0x01cd, 0x24b6, 0x00c2, 0x1ea4, 0x1eac, 0x1ea6, 0x1ea8, 0xf7e2,
        0x1eaa, 0xf6c9, 0xf7b4, 0x0410, 0x0200, 0x00c4, 0x04d2, 0x01de, 0xf7e4, 0x1ea0, 0x01e0,
        0x00c0, 0xf7e0, 0x1ea2, 0x04d4, 0x0202, 0x0391, 0x0386, 0x0100, 0xff21, 0x0104, 0x00c5,
        0x01fa, 0x1e00, 0xf7e5, 0xf761, 0x00c3, 0xf7e3, 0x0531, 0x0042, 0x24b7, 0x1e02, 0x1e04,
        0x0411, 0x0532, 0x0392, 0x0181, 0x1e06, 0xff22, 0xf6f4, 0xf762, 0x0182, 0x0043, 0x053e,
        0x0106, 0xf6ca, 0xf6f5, 0x010c, 0x00c7, 0x1e08, 0xf7e7, 0x24b8, 0x0108, 0x010a, 0x010a,
        0xf7b8, 0x0549, 0x04bc, 0x0427, 0x04be, 0x04b6, 0x04f4, 0x0543, 0x04cb, 0x04b8, 0x03a7,
        0x0187, 0xf6f6, 0xff23, 0x0551, 0xf763, 0x0044, 0x01f1, 0x01c4, 0x0534, 0x0189, 0x0110,
        0x010e, 0x1e10, 0x24b9, 0x1e12, 0x0110, 0x1e0a, 0x1e0c, 0x0414, 0x03ee, 0x2206, 0x0394,
        0x018a, 0xf6cb, 0xf6cc, 0xf6cd, 0xf7a8, 0x03dc, 0x0402, 0x1e0e, 0xff24, 0xf6f7, 0x0110,
        0xf764, 0x018b, 0x01f2, 0x01c5, 0x04e0, 0x0405, 0x040f, 0x0045, 0x00c9, 0xf7e9, 0x0114,
        0x011a, 0x1e1c, 0x0535, 0x24ba, 0x00ca, 0x1ebe, 0x1e18, 0x1ec6, 0x1ec0, 0x1ec2, 0xf7ea,
        0x1ec4, 0x0404, 0x0204, 0x00cb, 0xf7eb, 0x0116, 0x0116, 0x1eb8, 0x0424, 0x00c8, 0xf7e8,
        0x0537, 0x1eba, 0x2167, 0x0206, 0x0464, 0x041b, 0x216a, 0x0112, 0x1e16, 0x1e14, 0x041c,
        0xff25, 0x041d, 0x04a2, 0x014a, 0x04a4, 0x04c7, 0x0118, 0x0190, 0x0395, 0x0388, 0x0420,
        0x018e, 0x042d, 0x0421, 0x04aa, 0x01a9, 0xf765, 0x0397, 0x0538, 0x0389, 0x00d0, 0xf7f0,
        0x1ebc, 0x1e1a, 0x20ac, 0x01b7, 0x01ee, 0x01b8, 0x0046, 0xd807, 0xd808, 0xd804, 0xd805,
        0xd806, 0x24bb, 0x1e1e, 0x0556, 0x03e4, 0x0191, 0x0472, 0x2164, 0xff26, 0x2163, 0xf766,
        0x0047, 0x3387, 0x01f4, 0x0393, 0x0194, 0x03ea, 0x011e, 0x01e6, 0x0122, 0x24bc, 0x011c,
        0x0122, 0x0120, 0x0120, 0x0413, 0x0053, 0x1e9e, 0xd803, 0x0542, 0x0494, 0x0492, 0x0490,
        0x0193, 0x0533, 0x0403, 0x1e20, 0xff27, 0xf6ce, 0xf760, 0xf767, 0x029b, 0x01e4, 0x0048,
        0x25cf, 0x25aa, 0x25ab, 0x25a1, 0x33cb, 0x04a8, 0x04b2, 0x042a, 0x0126, 0x1e2a, 0x1e28,
        0x24bd, 0x0124, 0x1e26, 0x1e22, 0x1e24, 0xff28, 0x0540, 0x03e8, 0xf768, 0xf6cf, 0xf6f8,
        0x3390, 0x0049, 0x042f, 0x0132, 0x042e, 0x00cd, 0xf7ed, 0x012c, 0x01cf, 0x24be, 0x00ce,
        0xf7ee, 0x0406, 0x0208, 0x00cf, 0x1e2e, 0x04e4, 0xf7ef, 0x0130, 0x0130, 0x1eca, 0x04d6,
        0x0415, 0x2111, 0x2111, 0x00cc, 0xf7ec, 0x1ec8, 0x0418, 0x020a, 0x0419, 0x012a, 0x04e2,
        0xff29, 0x053b, 0x0401, 0x012e, 0x0399, 0x0196, 0x03aa, 0x038a, 0xf769, 0x0197, 0x0128,
        0x1e2c, 0x0474, 0x0476, 0x004a, 0x0541, 0x24bf, 0x0134, 0x0408, 0x054b, 0xff2a, 0xf76a,
        0x004b, 0x3385, 0x33cd, 0x04a0, 0x1e30, 0x041a, 0x049a, 0x04c3, 0x039a, 0x049e, 0x049c,
        0x01e8, 0x0136, 0x24c0, 0x0136, 0x1e32, 0x0554, 0x053f, 0x0425, 0x03e6, 0x0198, 0x040c,
        0x1e34, 0xff2b, 0x0480, 0x03de, 0x046e, 0xf76b, 0x004c, 0x01c7, 0xf6bf, 0x0139, 0x039b,
        0x013d, 0x013b, 0x24c1, 0x1e3c, 0x013b, 0x013f, 0x013f, 0x1e36, 0x1e38, 0x053c, 0x01c8,
        0x0409, 0x1e3a, 0xff2c, 0x0141, 0xf6f9, 0xf76c, 0x004d, 0x3386, 0xf6d0, 0xf7af, 0x1e3e,
        0x24c2, 0x1e40, 0x1e42, 0x0544, 0xff2d, 0xf76d, 0x019c, 0x039c, 0x004e, 0x01ca, 0x0143,
        0x0147, 0x0145, 0x24c3, 0x1e4a, 0x0145, 0x1e44, 0x1e46, 0x014a, 0x019d, 0x2168, 0x01cb,
        0x040a, 0x1e48, 0xff2e, 0x0546, 0xf76e, 0x00d1, 0xf7f1, 0x039d, 0x004f, 0x0152, 0xf6fa,
        0x00d3, 0xf7f3, 0x04e8, 0x04ea, 0x014e, 0x01d1, 0x019f, 0x24c4, 0x00d4, 0x1ed0, 0x1ed8,
        0x1ed2, 0x1ed4, 0xf7f4, 0x1ed6, 0x041e, 0x0150, 0x020c, 0x00d6, 0x04e6, 0xf7f6, 0x1ecc,
        0xf6fb, 0x00d2, 0xf7f2, 0x0555, 0x2126, 0x1ece, 0x01a0, 0x1eda, 0x1ee2, 0x1edc, 0x1ede,
        0x1ee0, 0x0150, 0x01a2, 0x020e, 0x014c, 0x1e52, 0x1e50, 0x2126, 0x0460, 0x03a9, 0x047a,
        0x047c, 0x038f, 0x039f, 0x038c, 0xff2f, 0x2160, 0x01ea, 0x01ec, 0x0186, 0x00d8, 0x01fe,
        0xf7f8, 0xf76f, 0x01fe, 0x047e, 0x00d5, 0x1e4c, 0x1e4e, 0xf7f5, 0x0050, 0x1e54, 0x24c5,
        0x1e56, 0x041f, 0x054a, 0x04a6, 0x03a6, 0x01a4, 0x03a0, 0x0553, 0xff30, 0x03a8, 0x0470,
        0xf770, 0x0051, 0x24c6, 0xff31, 0xf771, 0x0052, 0x054c, 0x0154, 0x0158, 0x0156, 0x24c7,
        0x0156, 0x0210, 0x1e58, 0x1e5a, 0x1e5c, 0x0550, 0x211c, 0x211c, 0x03a1, 0xf6fc, 0x0212,
        0x1e5e, 0xff32, 0xf772, 0x0281, 0x02b6, 0x0053, 0x250c, 0x2514, 0x2510, 0x2518, 0x253c,
        0x252c, 0x2534, 0x251c, 0x2524, 0x2500, 0x2502, 0x2561, 0x2562, 0x2556, 0x2555, 0x2563,
        0x2551, 0x2557, 0x255d, 0x255c, 0x255b, 0x255e, 0x255f, 0x255a, 0x2554, 0x2569, 0x2566,
        0x2560, 0x2550, 0x256c, 0x2567, 0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553,
        0x256b, 0x256a, 0x0053, 0xd803, 0x015a, 0x1e64, 0x03e0, 0x0160, 0x1e66, 0xf6fd, 0x015e,
        0x018f, 0x04d8, 0x04da, 0x24c8, 0x015c, 0x0218, 0x1e60, 0x1e62, 0x1e68, 0x054d, 0x2166,
        0x0547, 0x0428, 0x0429, 0x03e2, 0x04ba, 0x03ec, 0x03a3, 0x2165, 0xff33, 0x042c, 0xf773,
        0x03da, 0x0054, 0x03a4, 0x0166, 0x0164, 0x0162, 0x24c9, 0x1e70, 0x0162, 0x1e6a, 0x1e6c,
        0x0422, 0x04ac, 0x2169, 0x04b4, 0x0398, 0x01ac, 0x00de, 0xf7fe, 0x2162, 0xf6fe, 0x054f,
        0x1e6e, 0xff34, 0x0539, 0x01bc, 0x0184, 0x01a7, 0x01ae, 0x0426, 0x040b, 0xf774, 0x216b,
        0x2161, 0x0055, 0x00da, 0xf7fa, 0x016c, 0x01d3, 0x24ca, 0x00db, 0x1e76, 0xf7fb, 0x0423,
        0x0170, 0x0214, 0x00dc, 0x01d7, 0x1e72, 0x01d9, 0x04f0, 0x01db, 0x01d5, 0xf7fc, 0x1ee4,
        0x00d9, 0xf7f9, 0x1ee6, 0x01af, 0x1ee8, 0x1ef0, 0x1eea, 0x1eec, 0x1eee, 0x0170, 0x04f2,
        0x0216, 0x0478, 0x016a, 0x04ee, 0x1e7a, 0xff35, 0x0172, 0x03a5, 0x03d2, 0x03d3, 0x01b1,
        0x03ab, 0x03d4, 0x03d2, 0x038e, 0x016e, 0x040e, 0xf775, 0x04ae, 0x04b0, 0x0168, 0x1e78,
        0x1e74, 0x0056, 0x24cb, 0x1e7e, 0x0412, 0x054e, 0x01b2, 0xff36, 0x0548, 0xf776, 0x1e7c,
        0x0057, 0x1e82, 0x24cc, 0x0174, 0x1e84, 0x1e86, 0x1e88, 0x1e80, 0xff37, 0xf777, 0x0058,
        0x24cd, 0x1e8c, 0x1e8a, 0x053d, 0x039e, 0xff38, 0xf778, 0x0059, 0x00dd, 0xf7fd, 0x0462,
        0x24ce, 0x0176, 0x0178, 0xf7ff, 0x1e8e, 0x1ef4, 0x042b, 0x04f8, 0x1ef2, 0x01b3, 0x1ef6,
        0x0545, 0x0407, 0x0552, 0xff39, 0xf779, 0x1ef8, 0x046a, 0x046c, 0x0466, 0x0468, 0x005a,
        0x0536, 0x0179, 0x017d, 0xf6ff, 0x24cf, 0x1e90, 0x017b, 0x017b, 0x1e92, 0x0417, 0x0498,
        0x04de, 0x0396, 0x053a, 0x04c1, 0x0416, 0x0496, 0x04dc, 0x1e94, 0xff3a, 0xf77a, 0x01b5,
        0x0061, 0x0986, 0x00e1, 0x0906, 0x0a86, 0x0a06, 0x0a3e, 0x3303, 0x09be, 0x093e, 0x0abe,
        0x055f, 0x0970, 0x0985, 0x311a, 0x0103, 0x1eaf, 0x04d1, 0x1eb7, 0x1eb1, 0x1eb3, 0x1eb5,
        0x01ce, 0x24d0, 0x00e2, 0x1ea5, 0x1ead, 0x1ea7, 0x1ea9, 0x1eab, 0x00b4, 0x0317, 0x0301,
        0x0301, 0x0954, 0x02cf, 0x0341, 0x0430, 0x0201, 0x0a71, 0x0905, 0x00e4, 0x04d3, 0x01df,
        0x1ea1, 0x01e1, 0x00e6, 0x01fd, 0x3150, 0x01e3, 0x2015, 0x20a4, 0x0410, 0x0411, 0x0412,
        0x0413, 0x0414, 0x0415, 0x0401, 0x0416, 0x0417, 0x0418, 0x0419, 0x041a, 0x041b, 0x041c,
        0x041d, 0x041e, 0x041f, 0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427,
        0x0428, 0x0429, 0x042a, 0x042b, 0x042c, 0x042d, 0x042e, 0x042f, 0x0490, 0x0402, 0x0403,
        0x0404, 0x0405, 0x0406, 0x0407, 0x0408, 0x0409, 0x040a, 0x040b, 0x040c, 0x040e, 0xf6c4,
        0xf6c5, 0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0451, 0x0436, 0x0437, 0x0438,
        0x0439, 0x043a, 0x043b, 0x043c, 0x043d, 0x043e, 0x043f, 0x0440, 0x0441, 0x0442, 0x0443,
        0x0444, 0x0445, 0x0446, 0x0447, 0x0448, 0x0449, 0x044a, 0x044b, 0x044c, 0x044d, 0x044e,
        0x044f, 0x0491, 0x0452, 0x0453, 0x0454, 0x0455, 0x0456, 0x0457, 0x0458, 0x0459, 0x045a,
        0x045b, 0x045c, 0x045e, 0x040f, 0x0462, 0x0472, 0x0474, 0xf6c6, 0x045f, 0x0463, 0x0473,
        0x0475, 0xf6c7, 0xf6c8, 0x04d9, 0x200e, 0x200f, 0x200d, 0x066a, 0x060c, 0x0660, 0x0661,
        0x0662, 0x0663, 0x0664, 0x0665, 0x0666, 0x0667, 0x0668, 0x0669, 0x061b, 0x061f, 0x0621,
        0x0622, 0x0623, 0x0624, 0x0625, 0x0626, 0x0627, 0x0628, 0x0629, 0x062a, 0x062b, 0x062c,
        0x062d, 0x062e, 0x062f, 0x0630, 0x0631, 0x0632, 0x0633, 0x0634, 0x0635, 0x0636, 0x0637,
        0x0638, 0x0639, 0x063a, 0x0640, 0x0641, 0x0642, 0x0643, 0x0644, 0x0645, 0x0646, 0x0648,
        0x0649, 0x064a, 0x064b, 0x064c, 0x064d, 0x064e, 0x064f, 0x0650, 0x0651, 0x0652, 0x0647,
        0x06a4, 0x067e, 0x0686, 0x0698, 0x06af, 0x0679, 0x0688, 0x0691, 0x06ba, 0x06d2, 0x06d5,
        0x20aa, 0x05be, 0x05c3, 0x05d0, 0x05d1, 0x05d2, 0x05d3, 0x05d4, 0x05d5, 0x05d6, 0x05d7,
        0x05d8, 0x05d9, 0x05da, 0x05db, 0x05dc, 0x05dd, 0x05de, 0x05df, 0x05e0, 0x05e1, 0x05e2,
        0x05e3, 0x05e4, 0x05e5, 0x05e6, 0x05e7, 0x05e8, 0x05e9, 0x05ea, 0xfb2a, 0xfb2b, 0xfb4b,
        0xfb1f, 0x05f0, 0x05f1, 0x05f2, 0xfb35, 0x05b4, 0x05b5, 0x05b6, 0x05bb, 0x05b8, 0x05b7,
        0x05b0, 0x05b2, 0x05b1, 0x05b3, 0x05c2, 0x05c1, 0x05b9, 0x05bc, 0x05bd, 0x05bf, 0x05c0,
        0x02bc, 0x2105, 0x2113, 0x2116, 0x202c, 0x202d, 0x202e, 0x200c, 0x066d, 0x02bd, 0x00e0,
        0x0a85, 0x0a05, 0x3042, 0x1ea3, 0x0990, 0x311e, 0x0910, 0x04d5, 0x0a90, 0x0a10, 0x0a48,
        0x0639, 0xfeca, 0xfecb, 0xfecc, 0x0203, 0x09c8, 0x0948, 0x0ac8, 0x30a2, 0xff71, 0x314f,
        0x05d0, 0x0627, 0xfb30, 0xfe8e, 0x0623, 0xfe84, 0x0625, 0xfe88, 0x05d0, 0xfb4f, 0x0622,
        0xfe82, 0x0649, 0xfef0, 0xfef3, 0xfef4, 0xfb2e, 0xfb2f, 0x2135, 0x224c, 0x03b1, 0x03ac,
        0xd802, 0x0101, 0xff41, 0x0026, 0xff06, 0xf726, 0x33c2, 0x3122, 0x3124, 0x27e8, 0x27e9,
        0x0e5a, 0x2220, 0x3008, 0xfe3f, 0x3009, 0xfe40, 0x2329, 0x2329, 0x2329, 0x2329, 0x2329,
        0x232a, 0x232a, 0x232a, 0x232a, 0x232a, 0x212b, 0x0387, 0x0952, 0x0982, 0x0902, 0x0a82,
        0x0105, 0x3300, 0x249c, 0x055a, 0x02bc, 0xf8ff, 0x2250, 0x2248, 0x2252, 0x2245, 0x318e,
        0x318d, 0x2312, 0x1e9a, 0x00e5, 0x01fb, 0x1e01, 0x2194, 0x2195, 0x2193, 0x21e3, 0x21e0,
        0x21e2, 0x21e1, 0x21d4, 0x21d5, 0x21d3, 0x21d0, 0x21d2, 0x21d1, 0x21d1, 0x21d5, 0x2193,
        0x2199, 0x2198, 0x21e9, 0x02c5, 0x02c2, 0x02c3, 0x02c4, 0xf8e7, 0x2190, 0x21bd, 0x21d0,
        0x21cd, 0x21c6, 0x21bc, 0x21e6, 0x2197, 0x2196, 0x2192, 0x21c1, 0x21cf, 0x279e, 0x21c4,
        0x21c0, 0x21e8, 0x2198, 0x2199, 0x21e4, 0x21e5, 0x2191, 0x2191, 0x2195, 0x21a8, 0x21a8,
        0x2196, 0x21c5, 0x2197, 0x21e7, 0x2195, 0xf8e6, 0xd80a, 0x005e, 0xff3e, 0x007e, 0xff5e,
        0x0251, 0x0252, 0x3041, 0x30a1, 0xff67, 0x002a, 0x066d, 0x066d, 0x2217, 0x2217, 0xff0a,
        0xfe61, 0x2042, 0xf6e9, 0x2243, 0x0040, 0x00e3, 0xff20, 0xfe6b, 0x0250, 0x0994, 0x3120,
        0x0914, 0x0a94, 0x0a14, 0x09d7, 0x0a4c, 0x09cc, 0x094c, 0x0acc, 0x093d, 0x0561, 0x05e2,
        0xfb20, 0x05e2, 0x0062, 0x09ac, 0x005c, 0x005c, 0x005c, 0x005c, 0x005c, 0xff3c, 0x092c,
        0x0aac, 0x0a2c, 0x3070, 0x0e3f, 0x30d0, 0x007c, 0x2225, 0x2016, 0x007c, 0xff5c, 0x3105,
        0x24d1, 0x1e03, 0x1e05, 0x266c, 0x2235, 0x0431, 0x0628, 0xfe90, 0xfe91, 0x3079, 0xfe92,
        0xfc9f, 0xfc08, 0xfc6d, 0x30d9, 0x0562, 0x05d1, 0x03b2, 0x03d0, 0xfb31, 0xfb31, 0x05d1,
        0xfb4c, 0x09ad, 0x092d, 0x0aad, 0x0a2d, 0x0253, 0x3073, 0x30d3, 0x0298, 0x0a02, 0x3331,
        0x25cf, 0x25c6, 0x25bc, 0x25c4, 0x25c0, 0x3010, 0xfe3b, 0x3011, 0xfe3c, 0x25e3, 0x25e2,
        0x25ac, 0x25ba, 0x25b6, 0x25aa, 0x263b, 0x25a0, 0x2605, 0x25e4, 0x25e5, 0x25b4, 0x25b2,
        0x2423, 0x1e07, 0x2588, 0xff42, 0x0e1a, 0x307c, 0x30dc, 0x249d, 0x33c3, 0x007c, 0xf8f4,
        0x007b, 0x007b, 0x007b, 0x007b, 0x007b, 0xf8f3, 0x007c, 0xf8f2, 0xff5b, 0xfe5b, 0xf8f1,
        0xfe37, 0x007d, 0x007d, 0x007d, 0x007d, 0x007d, 0xf8fe, 0x2016, 0xf8fd, 0xff5d, 0xfe5c,
        0xf8fc, 0xfe38, 0x005b, 0x005b, 0x005b, 0x005b, 0x005b, 0xf8f0, 0xf8ef, 0xff3b, 0xf8ee,
        0x005d, 0x005d, 0x005d, 0x005d, 0x005d, 0xf8fb, 0xf8fa, 0xff3d, 0xf8f9, 0x02d8, 0x032e,
        0x0306, 0x032f, 0x0311, 0x0361, 0x032a, 0x033a, 0x00a6, 0x0180, 0xf6ea, 0x0183, 0x3076,
        0x30d6, 0x2022, 0x25d8, 0x2219, 0x25ce, 0x0063, 0x056e, 0x099a, 0x0107, 0x091a, 0x0a9a,
        0x0a1a, 0x3388, 0x0981, 0x0310, 0x0901, 0x0a81, 0xd809, 0x21ea, 0x2105, 0x02c7, 0x032c,
        0x030c, 0x21b5, 0x3118, 0x010d, 0x00e7, 0x1e09, 0x24d2, 0x0109, 0x0255, 0x010b, 0x010b,
        0x33c5, 0x00b8, 0x0327, 0x2308, 0x2308, 0x2308, 0x2308, 0x2308, 0x2309, 0x2309, 0x2309,
        0x2309, 0x2309, 0x00a2, 0x2103, 0xf6df, 0xffe0, 0xf7a2, 0xf6e0, 0x0579, 0x099b, 0x091b,
        0x0a9b, 0x0a1b, 0x3114, 0x04bd, 0x2713, 0x0447, 0x04bf, 0x04b7, 0x04f5, 0x0573, 0x04cc,
        0x04b9, 0x03c7, 0x3277, 0x3217, 0x3269, 0x314a, 0x3209, 0x0e0a, 0x0e08, 0x0e09, 0x0e0c,
        0x0188, 0x3276, 0x3216, 0x3268, 0x3148, 0x3208, 0x321c, 0x25cb, 0x20dd, 0x2298, 0x2299,
        0x2299, 0x2299, 0x2296, 0x2297, 0x2297, 0x2297, 0x2299, 0x2295, 0x2295, 0x2295, 0x3036,
        0x25d0, 0x25d1, 0x02c6, 0x032d, 0x0302, 0x2327, 0x01c2, 0x01c0, 0x01c1, 0x01c3, 0x2663,
        0x2663, 0x2667, 0x33a4, 0xff43, 0x33a0, 0x0581, 0x003a, 0x20a1, 0xff1a, 0x20a1, 0xfe55,
        0x02d1, 0x02d0, 0x002c, 0x0313, 0x0315, 0xf6c3, 0x060c, 0x055d, 0xf6e1, 0xff0c, 0x0314,
        0x02bd, 0xfe50, 0xf6e2, 0x0312, 0x02bb, 0x263c, 0x200c, 0x2245, 0x222e, 0x222e, 0x222e,
        0x2303, 0x0006, 0x0007, 0x0008, 0x0018, 0x000d, 0x0011, 0x0012, 0x0013, 0x0014, 0x007f,
        0x0010, 0x0019, 0x0005, 0x0004, 0x001b, 0x0017, 0x0003, 0x000c, 0x001c, 0x001d, 0x0009,
        0x000a, 0x0015, 0x001e, 0x000f, 0x000e, 0x0002, 0x0001, 0x001a, 0x0016, 0x001f, 0x000b,
        0x2a3f, 0x2210, 0x2210, 0x00a9, 0xf8e9, 0xf6d9, 0x300c, 0xff62, 0xfe41, 0x300d, 0xff63,
        0xfe42, 0x337f, 0x33c7, 0x33c6, 0x249e, 0x20a2, 0x0297, 0x22cf, 0x22ce, 0x00a4, 0x200c,
        0xf6d1, 0xf6d2, 0xf6d4, 0xf6d5, 0x0064, 0x0564, 0x09a6, 0x0636, 0x0926, 0xfebe, 0xfebf,
        0xfec0, 0x05bc, 0x05bc, 0x2020, 0x2021, 0x0aa6, 0x0a26, 0x3060, 0x30c0, 0x062f, 0x05d3,
        0xfb33, 0xfb33, 0x05d3, 0x05d3, 0x05d3, 0x05d3, 0x05d3, 0x05d3, 0x05d3, 0x05d3, 0x05d3,
        0x05d3, 0x05d3, 0x05d3, 0x05d3, 0x05d3, 0x05d3, 0x05d3, 0x05d3, 0x05d3, 0x05d3, 0x05d3,
        0x05d3, 0xfeaa, 0x064f, 0x064f, 0x064c, 0x064c, 0x0964, 0x05a7, 0x05a7, 0x0485, 0x0111,
        0xf6d3, 0x300a, 0xfe3d, 0x300b, 0xfe3e, 0x032b, 0x21d4, 0x21d2, 0x27e6, 0x27e7, 0x0965,
        0xf6d6, 0x030f, 0x222c, 0x2017, 0x0333, 0x033f, 0x02ba, 0x2016, 0x030e, 0x3109, 0x33c8,
        0x010f, 0x1e11, 0x24d3, 0x1e13, 0x0111, 0x09a1, 0x0921, 0x0aa1, 0x0a21, 0x0688, 0xfb89,
        0x095c, 0x09a2, 0x0922, 0x0aa2, 0x0a22, 0x1e0b, 0x1e0d, 0x066b, 0x066b, 0x0434, 0x00b0,
        0x05ad, 0x3067, 0x03ef, 0x30c7, 0x232b, 0x2326, 0x03b4, 0x018d, 0x09f8, 0x02a4, 0x09a7,
        0x0927, 0x0aa7, 0x0a27, 0x0257, 0x0385, 0x0344, 0x2662, 0x2666, 0x22c4, 0x2662, 0x00a8,
        0xf6d7, 0x0324, 0x0308, 0xf6d8, 0x0385, 0x3062, 0x30c2, 0x3003, 0x00f7, 0x2223, 0x2215,
        0x0452, 0x2593, 0x1e0f, 0x3397, 0x0111, 0xff44, 0x2584, 0x0e0e, 0x0e14, 0x3069, 0x30c9,
        0x0024, 0xf6e3, 0xff04, 0xf724, 0xfe69, 0xf6e4, 0x20ab, 0x3326, 0x02d9, 0x0307, 0x0323,
        0x0323, 0x30fb, 0x0131, 0x0237, 0xf6be, 0x0284, 0x22c5, 0x25cc, 0xfb1f, 0xfb1f, 0x031e,
        0x02d5, 0x249f, 0xf6eb, 0x0256, 0x018c, 0x3065, 0x30c5, 0x01f3, 0x02a3, 0x01c6, 0x02a5,
        0x04e1, 0x0455, 0x045f, 0x0065, 0x00e9, 0x2641, 0x098f, 0x311c, 0x0115, 0x090d, 0x0a8d,
        0x0945, 0x0ac5, 0x011b, 0x1e1d, 0x0565, 0x0587, 0x24d4, 0x00ea, 0x1ebf, 0x1e19, 0x1ec7,
        0x1ec1, 0x1ec3, 0x1ec5, 0x0454, 0x0205, 0x090f, 0x00eb, 0x0117, 0x0117, 0x1eb9, 0x0a0f,
        0x0a47, 0x0444, 0x00e8, 0x0a8f, 0x0567, 0x311d, 0x3048, 0x1ebb, 0x311f, 0x0038, 0x0668,
        0x09ee, 0x2467, 0x2791, 0x096e, 0x2471, 0x2485, 0x2499, 0x0aee, 0x0a6e, 0x0668, 0x3028,
        0x266b, 0x3227, 0x2088, 0xff18, 0xf738, 0x247b, 0x248f, 0x06f8, 0x2177, 0x2078, 0x0e58,
        0x0207, 0x0465, 0x30a8, 0xff74, 0x0a74, 0x3154, 0x043b, 0x2208, 0x246a, 0x247e, 0x2492,
        0x217a, 0x2026, 0x22ee, 0x0113, 0x1e17, 0x1e15, 0x043c, 0x2014, 0xfe31, 0xff45, 0x055b,
        0x2205, 0xd801, 0x3123, 0x043d, 0x2013, 0xfe32, 0x04a3, 0x014b, 0x3125, 0x04a5, 0x04c8,
        0x2002, 0x0119, 0x3153, 0x025b, 0x029a, 0x025c, 0x025e, 0x025d, 0x24a0, 0x03b5, 0x03f5,
        0x03ad, 0x003d, 0xff1d, 0xfe66, 0x207c, 0x2261, 0x224d, 0x3126, 0x0440, 0x0258, 0x044d,
        0x0441, 0x04ab, 0x0283, 0x0286, 0x090e, 0x0946, 0x01aa, 0x0285, 0x3047, 0x30a7, 0xff6a,
        0x212e, 0xf6ec, 0x03b7, 0x0568, 0x03ae, 0x00f0, 0x1ebd, 0x1e1b, 0x0591, 0x0591, 0x0591,
        0x0591, 0x01dd, 0x3161, 0x20ac, 0x09c7, 0x0947, 0x0ac7, 0x0021, 0x055c, 0x203c, 0x00a1,
        0xf7a1, 0xff01, 0xf721, 0x2203, 0x0292, 0x01ef, 0x0293, 0x01b9, 0x01ba, 0x0066, 0xfb00,
        0xfb03, 0xfb04, 0xfb01, 0xfb02, 0x095e, 0x0a5e, 0x2109, 0x064e, 0x064e, 0x064b, 0x3108,
        0x24d5, 0x1e1f, 0x0641, 0x0586, 0xfed2, 0xfed3, 0xfed4, 0x03e5, 0x2640, 0xfb00, 0xfb03,
        0xfb04, 0xfb01, 0x246e, 0x2482, 0x2496, 0x2012, 0x25a0, 0x25ac, 0x05da, 0xfb3a, 0xfb3a,
        0x05da, 0x05da, 0x05da, 0x05da, 0x05da, 0x05dd, 0x05dd, 0x05df, 0x05df, 0x05e3, 0x05e3,
        0x05e5, 0x05e5, 0x02c9, 0x25c9, 0x0473, 0x0035, 0x0665, 0x09eb, 0x2464, 0x278e, 0x096b,
        0x215d, 0x0aeb, 0x0a6b, 0x0665, 0x3025, 0x3224, 0x2085, 0xff15, 0xf735, 0x2478, 0x248c,
        0x06f5, 0x2174, 0x2075, 0x0e55, 0xfb02, 0x266d, 0x230a, 0x230a, 0x230a, 0x230a, 0x230a,
        0x230b, 0x230b, 0x230b, 0x230b, 0x230b, 0x0192, 0xff46, 0x3399, 0x0e1f, 0x0e1d, 0x227b,
        0x227d, 0x0e4f, 0x2200, 0x0034, 0x0664, 0x09ea, 0x2463, 0x278d, 0x096a, 0x0aea, 0x0a6a,
        0x0664, 0x3024, 0x3223, 0x2084, 0xff14, 0x09f7, 0xf734, 0x2477, 0x248b, 0x06f4, 0x2173,
        0x2074, 0x246d, 0x2481, 0x2495, 0x0e54, 0x02cb, 0x24a1, 0x2044, 0x20a3, 0x0067, 0x0997,
        0x01f5, 0x0917, 0x06af, 0xfb93, 0xfb94, 0xfb95, 0x0a97, 0x0a17, 0x304c, 0x30ac, 0x03b3,
        0x0263, 0x02e0, 0x03eb, 0x310d, 0x011f, 0x01e7, 0x0123, 0x24d6, 0x011d, 0x0123, 0x0121,
        0x0121, 0x0433, 0x3052, 0x30b2, 0x2251, 0x059c, 0x05f3, 0x059d, 0x00df, 0x059e, 0x05f4,
        0x3013, 0x0998, 0x0572, 0x0918, 0x0a98, 0x0a18, 0x063a, 0xfece, 0xfecf, 0xfed0, 0x0495,
        0x0493, 0x0491, 0x095a, 0x0a5a, 0x0260, 0x3393, 0x304e, 0x30ae, 0x0563, 0x05d2, 0xfb32,
        0xfb32, 0x05d2, 0x0453, 0x01be, 0x0294, 0x0296, 0x02c0, 0x0295, 0x02c1, 0x02e4, 0x02a1,
        0x02a2, 0x1e21, 0xff47, 0x3054, 0x30b4, 0x24a2, 0x33ac, 0x2207, 0x0060, 0x0316, 0x0300,
        0x0300, 0x0953, 0x02ce, 0xff40, 0x0340, 0x003e, 0x2265, 0x22db, 0xff1e, 0x226b, 0x2273,
        0x2277, 0x2267, 0xfe65, 0x0261, 0x01e5, 0x3050, 0x00ab, 0x00bb, 0x2039, 0x203a, 0x30b0,
        0x3318, 0x33c9, 0x0068, 0x04a9, 0x06c1, 0x09b9, 0x04b3, 0x0939, 0x0ab9, 0x0a39, 0x062d,
        0xfea2, 0xfea3, 0x306f, 0xfea4, 0x332a, 0x30cf, 0xff8a, 0x0a4d, 0x0621, 0x0621, 0x0621,
        0x0621, 0x0621, 0x0621, 0x0621, 0x0621, 0x0621, 0x3164, 0x044a, 0x21bc, 0x21bd, 0x21bc,
        0x21c0, 0x21c1, 0x21c0, 0x33ca, 0x05b2, 0x05b2, 0x05b2, 0x05b2, 0x05b2, 0x05b2, 0x05b2,
        0x05b2, 0x05b3, 0x05b3, 0x05b3, 0x05b3, 0x05b3, 0x05b3, 0x05b3, 0x05b3, 0x05b1, 0x05b1,
        0x05b1, 0x05b1, 0x05b1, 0x05b1, 0x05b1, 0x05b1, 0x0302, 0x0302, 0x0302, 0x0127, 0x310f,
        0x1e2b, 0x1e29, 0x24d7, 0x0125, 0x1e27, 0x1e23, 0x1e25, 0x05d4, 0x2661, 0x2665, 0x2665,
        0x2661, 0xfb34, 0xfb34, 0x06c1, 0x0647, 0x05d4, 0xfba7, 0xfeea, 0xfeea, 0xfba5, 0xfba4,
        0xfba8, 0xfeeb, 0x3078, 0xfba9, 0xfeec, 0x337b, 0x30d8, 0xff8d, 0x3336, 0x0267, 0x3339,
        0x05d7, 0x05d7, 0x0266, 0x02b1, 0x327b, 0x321b, 0x326d, 0x314e, 0x320d, 0x3072, 0x30d2,
        0xff8b, 0x05b4, 0x05b4, 0x05b4, 0x05b4, 0x05b4, 0x05b4, 0x05b4, 0x05b4, 0x1e96, 0xff48,
        0x0570, 0x0e2b, 0x307b, 0x30db, 0xff8e, 0x05b9, 0x05b9, 0x05b9, 0x05b9, 0x05b9, 0x05b9,
        0x05b9, 0x05b9, 0x0e2e, 0x0309, 0x0309, 0x21a9, 0x0321, 0x0322, 0x21aa, 0x3342, 0x03e9,
        0x2015, 0x031b, 0x2668, 0x2302, 0x24a3, 0x02b0, 0x0265, 0x3075, 0x3333, 0x30d5, 0xff8c,
        0x02dd, 0x030b, 0x0195, 0x002d, 0x2010, 0x002d, 0xf6e5, 0xff0d, 0xfe63, 0xf6e6, 0x2010,
        0x0069, 0x00ed, 0x044f, 0x0987, 0x3127, 0x012d, 0x01d0, 0x24d8, 0x00ee, 0x0456, 0x0209,
        0x328f, 0x328b, 0x323f, 0x323a, 0x32a5, 0x3006, 0x3001, 0xff64, 0x3237, 0x32a3, 0x322f,
        0x323d, 0x329d, 0x3240, 0x3296, 0x3236, 0x322b, 0x3232, 0x32a4, 0x3005, 0x3298, 0x3238,
        0x32a7, 0x32a6, 0x32a9, 0x322e, 0x322a, 0x3234, 0x3002, 0x329e, 0x3243, 0x3239, 0x323e,
        0x32a8, 0x3299, 0x3242, 0x3233, 0x3000, 0x3235, 0x3231, 0x323b, 0x3230, 0x323c, 0x322c,
        0x322d, 0x3007, 0x328e, 0x328a, 0x3294, 0x3290, 0x328c, 0x328d, 0x0907, 0x00ef, 0x1e2f,
        0x04e5, 0x1ecb, 0x04d7, 0x0435, 0x3275, 0x3215, 0x3267, 0x3147, 0x3207, 0x00ec, 0x0a87,
        0x0a07, 0x3044, 0x1ec9, 0x0988, 0x0438, 0x0908, 0x0a88, 0x0a08, 0x0a40, 0x020b, 0x0439,
        0x09c0, 0x0940, 0x0ac0, 0x0133, 0x30a4, 0xff72, 0x3163, 0x02dc, 0x05ac, 0x012b, 0x04e3,
        0x2253, 0x0a3f, 0xff49, 0x2206, 0x221e, 0x056b, 0x222b, 0x2321, 0x2321, 0x222b, 0xf8f5,
        0x222b, 0x2320, 0x2320, 0x203d, 0xd80b, 0x2229, 0x22c2, 0x2293, 0x22c2, 0x3305, 0x25d8,
        0x25d9, 0x263b, 0x0451, 0x012f, 0x03b9, 0x03ca, 0x0390, 0x0269, 0x03af, 0x24a4, 0x0a72,
        0x3043, 0x30a3, 0xff68, 0x09fa, 0x0268, 0xf6ed, 0x309d, 0x30fd, 0x0129, 0x1e2d, 0x3129,
        0x044e, 0x09bf, 0x093f, 0x0abf, 0x0475, 0x0477, 0x006a, 0x0571, 0x099c, 0x091c, 0x0a9c,
        0x0a1c, 0x3110, 0x01f0, 0x24d9, 0x0135, 0x029d, 0x025f, 0x0458, 0x062c, 0xfe9e, 0xfe9f,
        0xfea0, 0x0698, 0xfb8b, 0x099d, 0x091d, 0x0a9d, 0x0a1d, 0x057b, 0x3004, 0xff4a, 0x24a5,
        0x02b2, 0x006b, 0x04a1, 0x0995, 0x1e31, 0x043a, 0x049b, 0x0915, 0x05db, 0x0643, 0xfb3b,
        0xfb3b, 0xfeda, 0x05db, 0xfedb, 0xfedc, 0xfb4d, 0x0a95, 0x0a15, 0x304b, 0x04c4, 0x30ab,
        0xff76, 0x03ba, 0x03f0, 0x3171, 0x3184, 0x3178, 0x3179, 0x330d, 0x0640, 0x0640, 0x30f5,
        0x3384, 0x0650, 0x064d, 0x049f, 0xff70, 0x049d, 0x310e, 0x3389, 0x01e9, 0x0137, 0x24da,
        0x0137, 0x1e33, 0x0584, 0x3051, 0x30b1, 0xff79, 0x056f, 0x30f6, 0x0138, 0x0996, 0x0445,
        0x0916, 0x0a96, 0x0a16, 0x062e, 0xfea6, 0xfea7, 0xfea8, 0x03e7, 0x0959, 0x0a59, 0x3278,
        0x3218, 0x326a, 0x314b, 0x320a, 0x0e02, 0x0e05, 0x0e03, 0x0e04, 0x0e5b, 0x0199, 0x0e06,
        0x3391, 0x304d, 0x30ad, 0xff77, 0x3315, 0x3316, 0x3314, 0x326e, 0x320e, 0x3260, 0x3131,
        0x3200, 0x3133, 0x045c, 0x1e35, 0x3398, 0x33a6, 0xff4b, 0x33a2, 0x3053, 0x33c0, 0x0e01,
        0x30b3, 0xff7a, 0x331e, 0x0481, 0x327f, 0x0343, 0x24a6, 0x33aa, 0x046f, 0x33cf, 0x029e,
        0x304f, 0x30af, 0xff78, 0x33b8, 0x33be, 0x006c, 0x09b2, 0x013a, 0x0932, 0x0ab2, 0x0a32,
        0x0e45, 0xfefc, 0xfef8, 0xfef7, 0xfefa, 0xfef9, 0xfefb, 0xfef6, 0xfef5, 0x0644, 0x03bb,
        0x019b, 0x05dc, 0xfb3c, 0xfb3c, 0x05dc, 0x05dc, 0x05dc, 0x05dc, 0x05dc, 0xfede, 0xfcca,
        0xfedf, 0xfcc9, 0xfccb, 0xfdf2, 0xfee0, 0xfd88, 0xfccc, 0xfedf, 0xfedf, 0x25ef, 0x22a4,
        0x019a, 0x026c, 0x310c, 0x013e, 0x013c, 0x24db, 0x1e3d, 0x013c, 0x0140, 0x0140, 0x1e37,
        0x1e39, 0x031a, 0x0318, 0x003c, 0x2264, 0x22da, 0xff1c, 0x226a, 0x2272, 0x2276, 0x2266,
        0xfe64, 0x026e, 0x258c, 0x026d, 0x20a4, 0x056c, 0x01c9, 0x0459, 0xf6c0, 0x0933, 0x0ab3,
        0x1e3b, 0x0934, 0x09e1, 0x0961, 0x09e3, 0x0963, 0x026b, 0xff4c, 0x33d0, 0x0e2c, 0x2227,
        0x22c0, 0x22c0, 0x00ac, 0x2310, 0x2228, 0x22c1, 0x22c1, 0x0e25, 0x017f, 0xfe4e, 0x0332,
        0xfe4d, 0x25ca, 0x24a7, 0x2113, 0x0142, 0x2113, 0xf6ee, 0x2591, 0x0e26, 0x098c, 0x090c,
        0x09e2, 0x0962, 0x33d3, 0x006d, 0x09ae, 0x00af, 0x0331, 0x0304, 0x02cd, 0xffe3, 0x1e3f,
        0x092e, 0x0aae, 0x0a2e, 0x05a4, 0x05a4, 0x307e, 0xf895, 0xf894, 0x0e4b, 0xf893, 0xf88c,
        0xf88b, 0x0e48, 0xf88a, 0xf884, 0x0e31, 0xf889, 0x0e47, 0xf88f, 0xf88e, 0x0e49, 0xf88d,
        0xf892, 0xf891, 0x0e4a, 0xf890, 0x0e46, 0x30de, 0xff8f, 0x2642, 0x3347, 0x05be, 0x2642,
        0x05af, 0x3383, 0x3107, 0x33d4, 0x24dc, 0x33a5, 0x1e41, 0x1e43, 0x0645, 0xfee2, 0xfee3,
        0xfee4, 0xfcd1, 0xfc48, 0x334d, 0x3081, 0x337e, 0x30e1, 0xff92, 0x05de, 0xfb3e, 0xfb3e,
        0x05de, 0x0574, 0x05a5, 0x05a6, 0x05a6, 0x05a5, 0x0271, 0x3392, 0xff65, 0x00b7, 0x3272,
        0x3212, 0x3264, 0x3141, 0x3170, 0x3204, 0x316e, 0x316f, 0x307f, 0x30df, 0xff90, 0x2212,
        0x0320, 0x2296, 0x02d7, 0x2213, 0x2032, 0x334a, 0x3349, 0x0270, 0x3396, 0x33a3, 0xff4d,
        0x339f, 0x3082, 0x33c1, 0x30e2, 0xff93, 0x33d6, 0x0e21, 0x33a7, 0x33a8, 0x24a8, 0x33ab,
        0x33b3, 0xf6ef, 0x026f, 0x00b5, 0x00b5, 0x3382, 0x226b, 0x226a, 0x338c, 0x03bc, 0x338d,
        0x3080, 0x30e0, 0xff91, 0x3395, 0x00d7, 0x339b, 0x05a3, 0x05a3, 0x266a, 0x266b, 0x266d,
        0x266f, 0x33b2, 0x33b6, 0x33bc, 0x33b9, 0x33b7, 0x33bf, 0x33bd, 0x006e, 0x09a8, 0x2207,
        0x0144, 0x0928, 0x0aa8, 0x0a28, 0x306a, 0x30ca, 0xff85, 0x0149, 0x3381, 0x266e, 0x310b,
        0x00a0, 0x0148, 0x0146, 0x24dd, 0x1e4b, 0x0146, 0x1e45, 0x1e47, 0x0338, 0x306d, 0x30cd,
        0xff88, 0x20aa, 0x338b, 0x014b, 0x0999, 0x0919, 0x0a99, 0x0a19, 0x0e07, 0x3093, 0x0272,
        0x0273, 0x326f, 0x320f, 0x3135, 0x3261, 0x3136, 0x3134, 0x3168, 0x3201, 0x3167, 0x3166,
        0x306b, 0x30cb, 0xff86, 0xf899, 0x0e4d, 0x0039, 0x0669, 0x09ef, 0x2468, 0x2792, 0x096f,
        0x0aef, 0x0a6f, 0x0669, 0x3029, 0x3228, 0x2089, 0xff19, 0xf739, 0x247c, 0x2490, 0x06f9,
        0x2178, 0x2079, 0x2472, 0x2486, 0x249a, 0x0e59, 0x01cc, 0x045a, 0x30f3, 0xff9d, 0x019e,
        0x1e49, 0xff4e, 0x339a, 0x09a3, 0x0923, 0x0aa3, 0x0a23, 0x0929, 0x306e, 0x30ce, 0xff89,
        0x00a0, 0x0e13, 0x0e19, 0x0646, 0xfee6, 0x06ba, 0xfb9f, 0xfee7, 0xfee7, 0xfcd2, 0xfc4b,
        0xfee8, 0xfcd5, 0xfc4e, 0xfc8d, 0x220c, 0x2209, 0x2209, 0x2260, 0x226f, 0x2271, 0x2279,
        0x2262, 0x226e, 0x2270, 0x2226, 0x2280, 0x2284, 0x2281, 0x2285, 0x0576, 0x24a9, 0x33b1,
        0x207f, 0x00f1, 0x03bd, 0x306c, 0x30cc, 0xff87, 0x09bc, 0x093c, 0x0abc, 0x0a3c, 0x0023,
        0xff03, 0xfe5f, 0x0374, 0x0375, 0x2116, 0x05e0, 0xfb40, 0xfb40, 0x05e0, 0x33b5, 0x33bb,
        0x099e, 0x091e, 0x0a9e, 0x0a1e, 0x006f, 0x00f3, 0x0e2d, 0x0275, 0x04e9, 0x04eb, 0x0993,
        0x311b, 0x014f, 0x0911, 0x0a91, 0x0949, 0x0ac9, 0x01d2, 0x24de, 0x00f4, 0x1ed1, 0x1ed9,
        0x1ed3, 0x1ed5, 0x1ed7, 0x043e, 0x0151, 0x020d, 0x0913, 0x00f6, 0x04e7, 0x1ecd, 0x0153,
        0x315a, 0x02db, 0x0328, 0x00f2, 0x0a93, 0x0585, 0x304a, 0x1ecf, 0x01a1, 0x1edb, 0x1ee3,
        0x1edd, 0x1edf, 0x1ee1, 0x0151, 0x01a3, 0x020f, 0x30aa, 0xff75, 0x3157, 0x05ab, 0x014d,
        0x1e53, 0x1e51, 0x0950, 0x03c9, 0x03d6, 0x0461, 0x0277, 0x047b, 0x047d, 0x03ce, 0x0ad0,
        0x03bf, 0x03cc, 0xff4f, 0x0031, 0x0661, 0x09e7, 0x2460, 0x278a, 0x0967, 0x2024, 0x215b,
        0xf6dc, 0x0ae7, 0x0a67, 0x0661, 0x00bd, 0x3021, 0x3220, 0x2081, 0xff11, 0x09f4, 0xf731,
        0x2474, 0x2488, 0x06f1, 0x00bc, 0x2170, 0x00b9, 0x0e51, 0x2153, 0x01eb, 0x01ed, 0x0a13,
        0x0a4b, 0x0254, 0x24aa, 0x25e6, 0x2325, 0x00aa, 0x00ba, 0x221f, 0x0912, 0x094a, 0x00f8,
        0x01ff, 0x3049, 0x30a9, 0xff6b, 0x01ff, 0xf6f0, 0x047f, 0x00f5, 0x1e4d, 0x1e4f, 0x3121,
        0x203e, 0xfe4a, 0x0305, 0xfe49, 0xfe4c, 0xfe4b, 0x00af, 0x09cb, 0x094b, 0x0acb, 0x220b,
        0x0070, 0x3380, 0x332b, 0x09aa, 0x1e55, 0x092a, 0x21df, 0x21de, 0x0aaa, 0x0a2a, 0x3071,
        0x0e2f, 0x30d1, 0x0484, 0x04c0, 0x317f, 0x00b6, 0x2225, 0x0028, 0x0028, 0x0028, 0xfd3e,
        0x0028, 0x0028, 0xf8ed, 0x007c, 0xf8ec, 0x208d, 0xff08, 0xfe59, 0x207d, 0xf8eb, 0xfe35,
        0x0029, 0x0029, 0x0029, 0xfd3f, 0x0029, 0x0029, 0xf8f8, 0x007c, 0xf8f7, 0x208e, 0xff09,
        0xfe5a, 0x207e, 0xf8f6, 0xfe36, 0x2202, 0x05c0, 0x0599, 0x33a9, 0x05b7, 0x05b7, 0x05b7,
        0x05b7, 0x05b7, 0x05b7, 0x05b7, 0x05b7, 0x05a1, 0x3106, 0x24df, 0x1e57, 0x05e4, 0x043f,
        0xfb44, 0xfb44, 0x333b, 0xfb43, 0x067e, 0x057a, 0x05e4, 0xfb57, 0xfb58, 0x307a, 0xfb59,
        0x30da, 0x04a7, 0xfb4e, 0x0025, 0x066a, 0xff05, 0xfe6a, 0x002e, 0x0589, 0x00b7, 0xff61,
        0xf6e7, 0xff0e, 0xfe52, 0xf6e8, 0x0342, 0x22a5, 0x2031, 0x2030, 0x20a7, 0x338a, 0x09ab,
        0x092b, 0x0aab, 0x0a2b, 0x03c6, 0x03d5, 0x327a, 0x321a, 0x326c, 0x314d, 0x320c, 0x0278,
        0x0e3a, 0x03d5, 0x01a5, 0x0e1e, 0x0e1c, 0x0e20, 0x03c0, 0x03d6, 0x3273, 0x3213, 0x3176,
        0x3265, 0x3172, 0x3142, 0x3205, 0x3174, 0x3144, 0x3175, 0x3177, 0x3173, 0x3074, 0x30d4,
        0x03d6, 0x0583, 0x002b, 0x031f, 0x2295, 0x00b1, 0x02d6, 0xff0b, 0xfe62, 0x207a, 0xff50,
        0x33d8, 0x307d, 0x261f, 0x261c, 0x261e, 0x261d, 0x30dd, 0x0e1b, 0x3012, 0x3020, 0x24ab,
        0x227a, 0x227c, 0x211e, 0x2032, 0x02b9, 0x2035, 0x220f, 0x220f, 0x220f, 0x2305, 0x30fc,
        0x2318, 0x2282, 0x2283, 0x2237, 0x221d, 0x03c8, 0x0471, 0x0486, 0x33b0, 0x3077, 0x30d7,
        0x2014, 0x33b4, 0x33ba, 0x0071, 0x0958, 0x05a8, 0x0642, 0xfed6, 0xfed7, 0xfed8, 0x05b8,
        0x05b8, 0x05b8, 0x05b8, 0x05b8, 0x05b8, 0x05b8, 0x05b8, 0x05b8, 0x05b8, 0x05b8, 0x05b8,
        0x05b8, 0x05b8, 0x05b8, 0x05b8, 0x059f, 0x3111, 0x24e0, 0x02a0, 0xff51, 0x05e7, 0xfb47,
        0xfb47, 0x05e7, 0x05e7, 0x05e7, 0x05e7, 0x05e7, 0x05e7, 0x05e7, 0x05e7, 0x05e7, 0x05e7,
        0x05e7, 0x05e7, 0x05e7, 0x05e7, 0x05e7, 0x05e7, 0x05e7, 0x05e7, 0x05e7, 0x05e7, 0x05e7,
        0x24ac, 0x2669, 0x05bb, 0x05bb, 0x05bb, 0x05bb, 0x05bb, 0x05bb, 0x05bb, 0x05bb, 0x003f,
        0x061f, 0x055e, 0x00bf, 0xf7bf, 0x037e, 0xff1f, 0xf73f, 0x0022, 0x201e, 0x201c, 0xff02,
        0x301e, 0x301d, 0x201d, 0x2018, 0x201b, 0x201b, 0x2019, 0x0149, 0x201a, 0x0027, 0xff07,
        0x0072, 0x057c, 0x09b0, 0x0155, 0x0930, 0x221a, 0x221a, 0x221a, 0x221a, 0x221a, 0x221a,
        0xf8e5, 0x33ae, 0x33af, 0x33ad, 0x05bf, 0x05bf, 0x0ab0, 0x0a30, 0x3089, 0x30e9, 0xff97,
        0x09f1, 0x09f0, 0x0264, 0x2013, 0x2236, 0x3116, 0x0159, 0x0157, 0x24e1, 0x0157, 0x0211,
        0x1e59, 0x1e5b, 0x1e5d, 0x203b, 0x2286, 0x2287, 0x00ae, 0xf8e8, 0xf6da, 0x0631, 0x0580,
        0xfeae, 0x308c, 0x0631, 0x30ec, 0xff9a, 0x05e8, 0xfb48, 0x05e8, 0x05e8, 0x05e8, 0x05e8,
        0x05e8, 0x05e8, 0x05e8, 0x05e8, 0x05e8, 0x05e8, 0x05e8, 0x05e8, 0x05e8, 0x05e8, 0x05e8,
        0x05e8, 0x05e8, 0x05e8, 0x05e8, 0x05e8, 0x05e8, 0x223d, 0x0597, 0x0597, 0x2310, 0x027e,
        0x027f, 0x09dd, 0x095d, 0x03c1, 0x03f1, 0x027d, 0x027b, 0x02b5, 0x03f1, 0x02de, 0x3271,
        0x3211, 0x3263, 0x3140, 0x313a, 0x3169, 0x3139, 0x313b, 0x316c, 0x3203, 0x313f, 0x313c,
        0x316b, 0x313d, 0x313e, 0x316a, 0x316d, 0x221f, 0x0319, 0x22bf, 0x308a, 0x30ea, 0xff98,
        0x02da, 0x0325, 0x030a, 0x02bf, 0x0559, 0x031c, 0x02d3, 0x02be, 0x0339, 0x02d2, 0x0213,
        0x3351, 0x1e5f, 0x027c, 0x027a, 0xff52, 0x308d, 0x30ed, 0xff9b, 0x0e23, 0x24ad, 0x09dc,
        0x0931, 0x0a5c, 0x0691, 0xfb8d, 0x09e0, 0x0960, 0x0ae0, 0x09c4, 0x0944, 0x0ac4, 0xf6f1,
        0x2590, 0x0279, 0x02b4, 0x308b, 0x30eb, 0xff99, 0x09f2, 0x09f3, 0xf6dd, 0x0e24, 0x098b,
        0x090b, 0x0a8b, 0x09c3, 0x0943, 0x0ac3, 0x0073, 0x09b8, 0x015b, 0x1e65, 0x0635, 0x0938,
        0xfeba, 0xfebb, 0xfebc, 0x0ab8, 0x0a38, 0x3055, 0x30b5, 0xff7b, 0xfdfa, 0x05e1, 0xfb41,
        0xfb41, 0x05e1, 0x0e32, 0x0e41, 0x0e44, 0x0e43, 0x0e33, 0x0e30, 0x0e40, 0xf886, 0x0e35,
        0xf885, 0x0e34, 0x0e42, 0xf888, 0x0e37, 0xf887, 0x0e36, 0x0e38, 0x0e39, 0x3119, 0x0161,
        0x1e67, 0x015f, 0x0259, 0x04d9, 0x04db, 0x025a, 0x24e2, 0x015d, 0x0219, 0x1e61, 0x1e63,
        0x1e69, 0x033c, 0x2033, 0x02ca, 0x00a7, 0x0633, 0xfeb2, 0xfeb3, 0xfeb4, 0x05b6, 0x05b6,
        0x05b6, 0x05b6, 0x05b6, 0x05b6, 0x05b6, 0x0592, 0x05b6, 0x057d, 0x305b, 0x30bb, 0xff7e,
        0x003b, 0x061b, 0xff1b, 0xfe54, 0x309c, 0xff9f, 0x3322, 0x3323, 0x0037, 0x0667, 0x09ed,
        0x2466, 0x2790, 0x096d, 0x215e, 0x0aed, 0x0a6d, 0x0667, 0x3027, 0x3226, 0x2087, 0xff17,
        0xf737, 0x247a, 0x248e, 0x06f7, 0x2176, 0x2077, 0x2470, 0x2484, 0x2498, 0x0e57, 0x00ad,
        0x0577, 0x09b6, 0x0448, 0x0651, 0xfc61, 0xfc5e, 0xfc60, 0x0651, 0xfc62, 0xfc5f, 0x2592,
        0x2593, 0x2591, 0x2592, 0x0936, 0x0ab6, 0x0a36, 0x0593, 0x266f, 0x3115, 0x0449, 0x0634,
        0xfeb6, 0xfeb7, 0xfeb8, 0x03e3, 0x20aa, 0x20aa, 0x05b0, 0x05b0, 0x05b0, 0x05b0, 0x05b0,
        0x05b0, 0x05b0, 0x05b0, 0x05b0, 0x04bb, 0x03ed, 0x05e9, 0xfb49, 0xfb49, 0xfb2c, 0xfb2c,
        0xfb2d, 0xfb2d, 0x05c1, 0x05e9, 0xfb2a, 0xfb2a, 0xfb2b, 0xfb2b, 0x0282, 0x03c3, 0x03c2,
        0x03c2, 0x03f2, 0x3057, 0x30b7, 0xff7c, 0x05bd, 0x05bd, 0x223c, 0x2243, 0x05c2, 0x3274,
        0x3214, 0x317e, 0x3266, 0x317a, 0x3145, 0x317b, 0x3206, 0x317d, 0x317c, 0x0036, 0x0666,
        0x09ec, 0x2465, 0x278f, 0x096c, 0x0aec, 0x0a6c, 0x0666, 0x3026, 0x3225, 0x2086, 0xff16,
        0xf736, 0x2479, 0x248d, 0x06f6, 0x2175, 0x2076, 0x246f, 0x09f9, 0x2483, 0x2497, 0x0e56,
        0x002f, 0x2215, 0x2215, 0x2215, 0x2215, 0xff0f, 0x017f, 0x1e9b, 0x2322, 0x2323, 0x263a,
        0xff53, 0x05c3, 0x00ad, 0x044c, 0x305d, 0x30bd, 0xff7f, 0x0338, 0x0337, 0x0e29, 0x0e28,
        0x0e0b, 0x0e2a, 0x0020, 0x0020, 0x2660, 0x2660, 0x2664, 0x24ae, 0x033b, 0x33c4, 0x339d,
        0x25a9, 0x25a4, 0x338f, 0x339e, 0x33ce, 0x33d1, 0x33d2, 0x338e, 0x33d5, 0x339c, 0x33a1,
        0x25a6, 0x25a7, 0x25a8, 0x25a5, 0x25a3, 0x33db, 0x09b7, 0x0937, 0x0ab7, 0x3149, 0x3185,
        0x3180, 0x3132, 0x3165, 0x3143, 0x3146, 0x3138, 0xf6f2, 0x22c6, 0x00a3, 0xffe1, 0x0336,
        0x0335, 0x2282, 0x228a, 0x2286, 0x2291, 0x227b, 0x220b, 0x3059, 0x30b9, 0xff7d, 0x0652,
        0x2211, 0x2211, 0x2211, 0x263c, 0x2283, 0x228b, 0x2287, 0x2292, 0x33dc, 0x337c, 0x0074,
        0x09a4, 0x22a4, 0x22a3, 0x0924, 0x0aa4, 0x0a24, 0x0637, 0xfec2, 0xfec3, 0x305f, 0xfec4,
        0x337d, 0x30bf, 0xff80, 0x0640, 0x03c4, 0x05ea, 0xfb4a, 0xfb4a, 0xfb4a, 0x05ea, 0x0167,
        0x310a, 0x0165, 0x02a8, 0x0163, 0x0686, 0xfb7b, 0xfb7c, 0xfb7d, 0xfb7c, 0x24e3, 0x1e71,
        0x0163, 0x1e97, 0x1e6b, 0x1e6d, 0x0442, 0x04ad, 0x062a, 0xfe96, 0xfca2, 0xfc0c, 0xfe97,
        0x3066, 0xfca1, 0xfc0b, 0x0629, 0xfe94, 0xfe98, 0xfca4, 0xfc0e, 0xfc73, 0x30c6, 0xff83,
        0x2121, 0x260e, 0x05a0, 0x05a9, 0x2469, 0x3229, 0x247d, 0x2491, 0x2179, 0x02a7, 0x05d8,
        0xfb38, 0xfb38, 0x05d8, 0x04b5, 0x059b, 0x059b, 0x09a5, 0x0925, 0x0aa5, 0x0a25, 0x0630,
        0xfeac, 0xf898, 0xf897, 0x0e4c, 0xf896, 0x062b, 0xfe9a, 0xfe9b, 0xfe9c, 0x2203, 0x2234,
        0x03b8, 0x03d1, 0x03d1, 0x3279, 0x3219, 0x326b, 0x314c, 0x320b, 0x246c, 0x2480, 0x2494,
        0x0e11, 0x01ad, 0x0e12, 0x00fe, 0x0e17, 0x0e10, 0x0e18, 0x0e16, 0x0482, 0x066c, 0x066c,
        0x0033, 0x0663, 0x09e9, 0x2462, 0x278c, 0x0969, 0x215c, 0x0ae9, 0x0a69, 0x0663, 0x3023,
        0x3222, 0x2083, 0xff13, 0x09f6, 0xf733, 0x2476, 0x248a, 0x06f3, 0x00be, 0xf6de, 0x2172,
        0x00b3, 0x0e53, 0x3394, 0x2040, 0x3061, 0x30c1, 0xff81, 0x3270, 0x3210, 0x3262, 0x3137,
        0x3202, 0x02dc, 0x0330, 0x0303, 0x0303, 0x0360, 0x223c, 0x0334, 0x033e, 0x0303, 0x0303,
        0x0303, 0x2297, 0x0596, 0x0596, 0x0a70, 0x0483, 0x057f, 0x1e6f, 0xff54, 0x0569, 0x3068,
        0x30c8, 0xff84, 0x02e5, 0x02e9, 0x02e6, 0x02e8, 0x02e7, 0x01bd, 0x0185, 0x01a8, 0x0384,
        0x3327, 0x0e0f, 0x3014, 0xfe5d, 0xfe39, 0x3015, 0xfe5e, 0xfe3a, 0x0e15, 0x01ab, 0x24af,
        0x2122, 0xf8ea, 0xf6db, 0x0288, 0x25bc, 0x25c4, 0x25ba, 0x25b2, 0x25b3, 0x25bd, 0x25b9,
        0x25c3, 0x02a6, 0x05e6, 0xfb46, 0xfb46, 0x05e6, 0x0446, 0x05b5, 0x05b5, 0x05b5, 0x05b5,
        0x05b5, 0x05b5, 0x05b5, 0x05b5, 0x045b, 0xf6f3, 0x099f, 0x091f, 0x0a9f, 0x0a1f, 0x0679,
        0xfb67, 0xfb68, 0xfb69, 0x09a0, 0x0920, 0x0aa0, 0x0a20, 0x0287, 0x3064, 0x30c4, 0xff82,
        0x22a2, 0x22a3, 0x3063, 0x30c3, 0xff6f, 0x246b, 0x247f, 0x2493, 0x217b, 0xf6de, 0x2473,
        0x5344, 0x2487, 0x249b, 0x0032, 0x0662, 0x09e8, 0x2461, 0x278b, 0x0968, 0x2025, 0x2025,
        0xfe30, 0x0ae8, 0x0a68, 0x0662, 0x3022, 0x3221, 0x2082, 0xff12, 0x09f5, 0xf732, 0x2475,
        0x2489, 0x06f2, 0x2171, 0x01bb, 0x00b2, 0x0e52, 0x2154, 0x0075, 0x00fa, 0x0289, 0x0989,
        0x3128, 0x016d, 0x01d4, 0x24e4, 0x00fb, 0x1e77, 0x0443, 0x0951, 0x0171, 0x0215, 0x0909,
        0x00fc, 0x01d8, 0x1e73, 0x01da, 0x04f1, 0x01dc, 0x01d6, 0x1ee5, 0x00f9, 0x0a89, 0x0a09,
        0x3046, 0x1ee7, 0x01b0, 0x1ee9, 0x1ef1, 0x1eeb, 0x1eed, 0x1eef, 0x0171, 0x04f3, 0x0217,
        0x30a6, 0xff73, 0x0479, 0x315c, 0x016b, 0x04ef, 0x1e7b, 0x0a41, 0xff55, 0x005f, 0x2017,
        0xff3f, 0xfe33, 0xfe4f, 0x222a, 0x22c3, 0x228e, 0x228e, 0x228e, 0x2294, 0x2294, 0x2294,
        0x22c3, 0x2200, 0x0173, 0x24b0, 0x2580, 0x05c4, 0x03c5, 0x03cb, 0x03b0, 0x028a, 0x03cd,
        0x031d, 0x02d4, 0x0a73, 0x016f, 0x045e, 0x3045, 0x30a5, 0xff69, 0x04af, 0x04b1, 0x0169,
        0x1e79, 0x1e75, 0x098a, 0x090a, 0x0a8a, 0x0a0a, 0x0a42, 0x09c2, 0x0942, 0x0ac2, 0x09c1,
        0x0941, 0x0ac1, 0x0076, 0x0935, 0x0ab5, 0x0a35, 0x30f7, 0x05d5, 0xfb35, 0xfb35, 0xfb35,
        0x05d5, 0xfb4b, 0xfb4b, 0x05f0, 0x05f1, 0x24e5, 0x1e7f, 0x20d7, 0x0432, 0x06a4, 0xfb6b,
        0xfb6c, 0xfb6d, 0x30f9, 0x2640, 0x007c, 0x030d, 0x0329, 0x02cc, 0x02c8, 0x057e, 0x028b,
        0x30f8, 0x09cd, 0x094d, 0x0acd, 0x0983, 0x0903, 0x0a83, 0x2423, 0x2423, 0xff56, 0x0578,
        0x309e, 0x30fe, 0x309b, 0xff9e, 0x30fa, 0x24b1, 0x1e7d, 0x028c, 0x3094, 0x30f4, 0x0077,
        0x1e83, 0x3159, 0x308f, 0x30ef, 0xff9c, 0x3158, 0x308e, 0x30ee, 0x3357, 0x301c, 0xfe34,
        0x0648, 0xfeee, 0x0624, 0xfe86, 0x33dd, 0x24e6, 0x0175, 0x1e85, 0x1e87, 0x1e89, 0x3091,
        0x2118, 0x30f1, 0x315e, 0x315d, 0x1e81, 0x25e6, 0x25cb, 0x25d9, 0x300e, 0xfe43, 0x300f,
        0xfe44, 0x25c7, 0x25c8, 0x25bf, 0x25bd, 0x25c3, 0x25c1, 0x3016, 0x3017, 0x25b9, 0x25b7,
        0x25ab, 0x263a, 0x25a1, 0x2606, 0x260f, 0x3018, 0x3019, 0x25b5, 0x25b3, 0x3090, 0x30f0,
        0x315f, 0xff57, 0x3092, 0x30f2, 0xff66, 0x20a9, 0xffe6, 0x0e27, 0x24b2, 0x2240, 0x1e98,
        0x02b7, 0x028d, 0x01bf, 0x0078, 0x033d, 0x3112, 0x24e7, 0x1e8d, 0x1e8b, 0x056d, 0x03be,
        0xff58, 0x24b3, 0x02e3, 0x0079, 0x334e, 0x09af, 0x00fd, 0x092f, 0x3152, 0x0aaf, 0x0a2f,
        0x3084, 0x30e4, 0xff94, 0x3151, 0x0e4e, 0x3083, 0x30e3, 0xff6c, 0x0463, 0x24e8, 0x0177,
        0x00ff, 0x1e8f, 0x1ef5, 0x064a, 0x06d2, 0xfbaf, 0xfef2, 0x0626, 0xfe8a, 0xfe8b, 0xfe8c,
        0xfef3, 0xfef4, 0xfcdd, 0xfc58, 0xfc94, 0x06d1, 0x3156, 0x00a5, 0xffe5, 0x3155, 0x3186,
        0x05aa, 0x05aa, 0x044b, 0x04f9, 0x3181, 0x3183, 0x3182, 0x059a, 0x1ef3, 0x01b4, 0x1ef7,
        0x0575, 0x0457, 0x3162, 0x262f, 0x0582, 0xff59, 0x05d9, 0xfb39, 0xfb39, 0x05d9, 0x05f2,
        0xfb1f, 0x3088, 0x3189, 0x30e8, 0xff96, 0x315b, 0x3087, 0x30e7, 0xff6e, 0x03f3, 0x3188,
        0x3187, 0x0e22, 0x0e0d, 0x24b4, 0x037a, 0x0345, 0x01a6, 0x1e99, 0x02b8, 0x1ef9, 0x028e,
        0x3086, 0x318c, 0x30e6, 0xff95, 0x3160, 0x046b, 0x046d, 0x0467, 0x0469, 0x3085, 0x30e5,
        0xff6d, 0x318b, 0x318a, 0x09df, 0x095f, 0x007a, 0x0566, 0x017a, 0x095b, 0x0a5b, 0x0638,
        0xfec6, 0xfec7, 0x3056, 0xfec8, 0x0632, 0xfeb0, 0x30b6, 0x0595, 0x0594, 0x0598, 0x05d6,
        0xfb36, 0xfb36, 0x05d6, 0x3117, 0x017e, 0x24e9, 0x1e91, 0x0291, 0x017c, 0x017c, 0x1e93,
        0x0437, 0x0499, 0x04df, 0x305c, 0x30bc, 0x0030, 0x0660, 0x09e6, 0x0966, 0x0ae6, 0x0a66,
        0x0660, 0x2080, 0xff10, 0xf730, 0x06f0, 0x2070, 0x0e50, 0xfeff, 0x200c, 0x200b, 0x03b6,
        0x3113, 0x056a, 0x04c2, 0x0436, 0x0497, 0x04dd, 0x3058, 0x30b8, 0x05ae, 0x1e95, 0xff5a,
        0x305e, 0x30be, 0x24b5, 0x0290, 0x01b6, 0x305a, 0x30ba,
    ],
};

/// `STANDARD_ENCODING`: code to Unicode code unit (0 where undefined).
pub(crate) static STANDARD_ENCODING: [u16; 256] = [
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0020, 0x0021, 0x0022, 0x0023,
    0x0024, 0x0025, 0x0026, 0x2019, 0x0028, 0x0029, 0x002a, 0x002b, 0x002c, 0x002d, 0x002e, 0x002f,
    0x0030, 0x0031, 0x0032, 0x0033, 0x0034, 0x0035, 0x0036, 0x0037, 0x0038, 0x0039, 0x003a, 0x003b,
    0x003c, 0x003d, 0x003e, 0x003f, 0x0040, 0x0041, 0x0042, 0x0043, 0x0044, 0x0045, 0x0046, 0x0047,
    0x0048, 0x0049, 0x004a, 0x004b, 0x004c, 0x004d, 0x004e, 0x004f, 0x0050, 0x0051, 0x0052, 0x0053,
    0x0054, 0x0055, 0x0056, 0x0057, 0x0058, 0x0059, 0x005a, 0x005b, 0x005c, 0x005d, 0x005e, 0x005f,
    0x2018, 0x0061, 0x0062, 0x0063, 0x0064, 0x0065, 0x0066, 0x0067, 0x0068, 0x0069, 0x006a, 0x006b,
    0x006c, 0x006d, 0x006e, 0x006f, 0x0070, 0x0071, 0x0072, 0x0073, 0x0074, 0x0075, 0x0076, 0x0077,
    0x0078, 0x0079, 0x007a, 0x007b, 0x007c, 0x007d, 0x007e, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x00a1, 0x00a2, 0x00a3, 0x2044, 0x00a5, 0x0192, 0x00a7,
    0x00a4, 0x0027, 0x201c, 0x00ab, 0x2039, 0x203a, 0xfb01, 0xfb02, 0x0000, 0x2013, 0x2020, 0x2021,
    0x00b7, 0x0000, 0x00b6, 0x2022, 0x201a, 0x201e, 0x201d, 0x00bb, 0x2026, 0x2030, 0x0000, 0x00bf,
    0x0000, 0x0060, 0x00b4, 0x02c6, 0x02dc, 0x00af, 0x02d8, 0x02d9, 0x00a8, 0x0000, 0x02da, 0x00b8,
    0x0000, 0x02dd, 0x02db, 0x02c7, 0x2014, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x00c6, 0x0000, 0x00aa,
    0x0000, 0x0000, 0x0000, 0x0000, 0x0141, 0x00d8, 0x0152, 0x00ba, 0x0000, 0x0000, 0x0000, 0x0000,
    0x0000, 0x00e6, 0x0000, 0x0000, 0x0000, 0x0131, 0x0000, 0x0000, 0x0142, 0x00f8, 0x0153, 0x00df,
    0x0000, 0x0000, 0x0000, 0x0000,
];

/// `WIN_ANSI_ENCODING`: code to Unicode code unit (0 where undefined).
pub(crate) static WIN_ANSI_ENCODING: [u16; 256] = [
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0020, 0x0021, 0x0022, 0x0023,
    0x0024, 0x0025, 0x0026, 0x0027, 0x0028, 0x0029, 0x002a, 0x002b, 0x002c, 0x002d, 0x002e, 0x002f,
    0x0030, 0x0031, 0x0032, 0x0033, 0x0034, 0x0035, 0x0036, 0x0037, 0x0038, 0x0039, 0x003a, 0x003b,
    0x003c, 0x003d, 0x003e, 0x003f, 0x0040, 0x0041, 0x0042, 0x0043, 0x0044, 0x0045, 0x0046, 0x0047,
    0x0048, 0x0049, 0x004a, 0x004b, 0x004c, 0x004d, 0x004e, 0x004f, 0x0050, 0x0051, 0x0052, 0x0053,
    0x0054, 0x0055, 0x0056, 0x0057, 0x0058, 0x0059, 0x005a, 0x005b, 0x005c, 0x005d, 0x005e, 0x005f,
    0x0060, 0x0061, 0x0062, 0x0063, 0x0064, 0x0065, 0x0066, 0x0067, 0x0068, 0x0069, 0x006a, 0x006b,
    0x006c, 0x006d, 0x006e, 0x006f, 0x0070, 0x0071, 0x0072, 0x0073, 0x0074, 0x0075, 0x0076, 0x0077,
    0x0078, 0x0079, 0x007a, 0x007b, 0x007c, 0x007d, 0x007e, 0x2022, 0x20ac, 0x2022, 0x201a, 0x0192,
    0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x2022, 0x017d, 0x2022,
    0x2022, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
    0x0153, 0x2022, 0x017e, 0x0178, 0x0020, 0x00a1, 0x00a2, 0x00a3, 0x00a4, 0x00a5, 0x00a6, 0x00a7,
    0x00a8, 0x00a9, 0x00aa, 0x00ab, 0x00ac, 0x002d, 0x00ae, 0x00af, 0x00b0, 0x00b1, 0x00b2, 0x00b3,
    0x00b4, 0x00b5, 0x00b6, 0x00b7, 0x00b8, 0x00b9, 0x00ba, 0x00bb, 0x00bc, 0x00bd, 0x00be, 0x00bf,
    0x00c0, 0x00c1, 0x00c2, 0x00c3, 0x00c4, 0x00c5, 0x00c6, 0x00c7, 0x00c8, 0x00c9, 0x00ca, 0x00cb,
    0x00cc, 0x00cd, 0x00ce, 0x00cf, 0x00d0, 0x00d1, 0x00d2, 0x00d3, 0x00d4, 0x00d5, 0x00d6, 0x00d7,
    0x00d8, 0x00d9, 0x00da, 0x00db, 0x00dc, 0x00dd, 0x00de, 0x00df, 0x00e0, 0x00e1, 0x00e2, 0x00e3,
    0x00e4, 0x00e5, 0x00e6, 0x00e7, 0x00e8, 0x00e9, 0x00ea, 0x00eb, 0x00ec, 0x00ed, 0x00ee, 0x00ef,
    0x00f0, 0x00f1, 0x00f2, 0x00f3, 0x00f4, 0x00f5, 0x00f6, 0x00f7, 0x00f8, 0x00f9, 0x00fa, 0x00fb,
    0x00fc, 0x00fd, 0x00fe, 0x00ff,
];

/// `MAC_ROMAN_ENCODING`: code to Unicode code unit (0 where undefined).
pub(crate) static MAC_ROMAN_ENCODING: [u16; 256] = [
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0020, 0x0021, 0x0022, 0x0023,
    0x0024, 0x0025, 0x0026, 0x0027, 0x0028, 0x0029, 0x002a, 0x002b, 0x002c, 0x002d, 0x002e, 0x002f,
    0x0030, 0x0031, 0x0032, 0x0033, 0x0034, 0x0035, 0x0036, 0x0037, 0x0038, 0x0039, 0x003a, 0x003b,
    0x003c, 0x003d, 0x003e, 0x003f, 0x0040, 0x0041, 0x0042, 0x0043, 0x0044, 0x0045, 0x0046, 0x0047,
    0x0048, 0x0049, 0x004a, 0x004b, 0x004c, 0x004d, 0x004e, 0x004f, 0x0050, 0x0051, 0x0052, 0x0053,
    0x0054, 0x0055, 0x0056, 0x0057, 0x0058, 0x0059, 0x005a, 0x005b, 0x005c, 0x005d, 0x005e, 0x005f,
    0x0060, 0x0061, 0x0062, 0x0063, 0x0064, 0x0065, 0x0066, 0x0067, 0x0068, 0x0069, 0x006a, 0x006b,
    0x006c, 0x006d, 0x006e, 0x006f, 0x0070, 0x0071, 0x0072, 0x0073, 0x0074, 0x0075, 0x0076, 0x0077,
    0x0078, 0x0079, 0x007a, 0x007b, 0x007c, 0x007d, 0x007e, 0x0000, 0x00c4, 0x00c5, 0x00c7, 0x00c9,
    0x00d1, 0x00d6, 0x00dc, 0x00e1, 0x00e0, 0x00e2, 0x00e4, 0x00e3, 0x00e5, 0x00e7, 0x00e9, 0x00e8,
    0x00ea, 0x00eb, 0x00ed, 0x00ec, 0x00ee, 0x00ef, 0x00f1, 0x00f3, 0x00f2, 0x00f4, 0x00f6, 0x00f5,
    0x00fa, 0x00f9, 0x00fb, 0x00fc, 0x2020, 0x00b0, 0x00a2, 0x00a3, 0x00a7, 0x2022, 0x00b6, 0x00df,
    0x00ae, 0x00a9, 0x2122, 0x00b4, 0x00a8, 0x2260, 0x00c6, 0x00d8, 0x221e, 0x00b1, 0x2264, 0x2265,
    0x00a5, 0x00b5, 0x2202, 0x2211, 0x220f, 0x03c0, 0x222b, 0x00aa, 0x00ba, 0x2126, 0x00e6, 0x00f8,
    0x00bf, 0x00a1, 0x00ac, 0x221a, 0x0192, 0x2248, 0x2206, 0x00ab, 0x00bb, 0x2026, 0x0020, 0x00c0,
    0x00c3, 0x00d5, 0x0152, 0x0153, 0x2013, 0x2014, 0x201c, 0x201d, 0x2018, 0x2019, 0x00f7, 0x25ca,
    0x00ff, 0x0178, 0x2044, 0x00a4, 0x2039, 0x203a, 0xfb01, 0xfb02, 0x2021, 0x00b7, 0x201a, 0x201e,
    0x2030, 0x00c2, 0x00ca, 0x00c1, 0x00cb, 0x00c8, 0x00cd, 0x00ce, 0x00cf, 0x00cc, 0x00d3, 0x00d4,
    0xf8ff, 0x00d2, 0x00da, 0x00db, 0x00d9, 0x0131, 0x02c6, 0x02dc, 0x00af, 0x02d8, 0x02d9, 0x02da,
    0x00b8, 0x02dd, 0x02db, 0x02c7,
];

/// `SYMBOL_ENCODING`: code to Unicode code unit (0 where undefined).
pub(crate) static SYMBOL_ENCODING: [u16; 256] = [
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0020, 0x0021, 0x2200, 0x0023,
    0x2203, 0x0025, 0x0026, 0x220b, 0x0028, 0x0029, 0x2217, 0x002b, 0x002c, 0x2212, 0x002e, 0x002f,
    0x0030, 0x0031, 0x0032, 0x0033, 0x0034, 0x0035, 0x0036, 0x0037, 0x0038, 0x0039, 0x003a, 0x003b,
    0x003c, 0x003d, 0x003e, 0x003f, 0x2245, 0x0391, 0x0392, 0x03a7, 0x2206, 0x0395, 0x03a6, 0x0393,
    0x0397, 0x0399, 0x03d1, 0x039a, 0x039b, 0x039c, 0x039d, 0x039f, 0x03a0, 0x0398, 0x03a1, 0x03a3,
    0x03a4, 0x03a5, 0x03c2, 0x2126, 0x039e, 0x03a8, 0x0396, 0x005b, 0x2234, 0x005d, 0x22a5, 0x005f,
    0xf8e5, 0x03b1, 0x03b2, 0x03c7, 0x03b4, 0x03b5, 0x03c6, 0x03b3, 0x03b7, 0x03b9, 0x03d5, 0x03ba,
    0x03bb, 0x00b5, 0x03bd, 0x03bf, 0x03c0, 0x03b8, 0x03c1, 0x03c3, 0x03c4, 0x03c5, 0x03d6, 0x03c9,
    0x03be, 0x03c8, 0x03b6, 0x007b, 0x007c, 0x007d, 0x223c, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x03d2, 0x2032, 0x2264, 0x2044, 0x221e, 0x0192, 0x2663,
    0x2662, 0x2661, 0x2660, 0x2194, 0x2190, 0x2191, 0x2192, 0x2193, 0x00b0, 0x00b1, 0x2033, 0x2265,
    0x00d7, 0x221d, 0x2202, 0x2022, 0x00f7, 0x2260, 0x2261, 0x2248, 0x2026, 0x2195, 0xf8e7, 0x21b5,
    0x2135, 0x2111, 0x211c, 0x2118, 0x2297, 0x2295, 0x2205, 0x2229, 0x222a, 0x2283, 0x2287, 0x2284,
    0x2282, 0x2286, 0x2208, 0x2209, 0x2220, 0x2207, 0xf6da, 0xf6d9, 0xf6db, 0x220f, 0x221a, 0x22c5,
    0x00ac, 0x2227, 0x2228, 0x21d4, 0x21d0, 0x21d1, 0x21d2, 0x21d3, 0x25ca, 0x2329, 0xf8e8, 0xf8e9,
    0xf8ea, 0x2211, 0xf8eb, 0x007c, 0xf8ed, 0xf8ee, 0xf8ef, 0xf8f0, 0xf8f1, 0x007c, 0xf8f3, 0x007c,
    0x0000, 0x232a, 0x222b, 0x2320, 0xf8f5, 0x2321, 0xf8f6, 0x007c, 0xf8f8, 0xf8f9, 0xf8fa, 0xf8fb,
    0xf8fc, 0x2016, 0xf8fe, 0x0000,
];

/// `MAC_EXPERT_ENCODING`: code to Unicode code unit (0 where undefined).
pub(crate) static MAC_EXPERT_ENCODING: [u16; 256] = [
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0020, 0xf721, 0xf6f8, 0xf7a2,
    0xf724, 0xf6e4, 0xf726, 0xf7b4, 0x207d, 0x207e, 0x2025, 0x2024, 0x002c, 0x002d, 0x002e, 0x2044,
    0xf730, 0xf731, 0xf732, 0xf733, 0xf734, 0xf735, 0xf736, 0xf737, 0xf738, 0xf739, 0x003a, 0x003b,
    0x0000, 0xf6de, 0x0000, 0xf73f, 0x0000, 0x0000, 0x0000, 0x0000, 0xf7f0, 0x0000, 0x0000, 0x00bc,
    0x00bd, 0x00be, 0x215b, 0x215c, 0x215d, 0x215e, 0x2153, 0x2154, 0x0000, 0x0000, 0x0000, 0x0000,
    0x0000, 0x0000, 0xfb00, 0xfb01, 0xfb02, 0xfb03, 0xfb04, 0x208d, 0x0000, 0x208e, 0xf6f6, 0xf6e5,
    0xf760, 0xf761, 0xf762, 0xf763, 0xf764, 0xf765, 0xf766, 0xf767, 0xf768, 0xf769, 0xf76a, 0xf76b,
    0xf76c, 0xf76d, 0xf76e, 0xf76f, 0xf770, 0xf771, 0xf772, 0xf773, 0xf774, 0xf775, 0xf776, 0xf777,
    0xf778, 0xf779, 0xf77a, 0x20a1, 0xf6dc, 0xf6dd, 0xf6fe, 0x0000, 0x0000, 0xf6e9, 0xf6e0, 0x0000,
    0x0000, 0x0000, 0x0000, 0xf7e1, 0xf7e0, 0xf7e2, 0xf7e4, 0xf7e3, 0xf7e5, 0xf7e7, 0xf7e9, 0xf7e8,
    0xf7ea, 0xf7eb, 0xf7ed, 0xf7ec, 0xf7ee, 0xf7ef, 0xf7f1, 0xf7f3, 0xf7f2, 0xf7f4, 0xf7f6, 0xf7f5,
    0xf7fa, 0xf7f9, 0xf7fb, 0xf7fc, 0x0000, 0x2078, 0x2084, 0x2083, 0x2086, 0x2088, 0x2087, 0xf6fd,
    0x0000, 0xf6df, 0x2082, 0x0000, 0xf7a8, 0x0000, 0xf6f5, 0xf6f0, 0x2085, 0x0000, 0xf6e1, 0xf6e7,
    0xf7fd, 0x0000, 0xf6e3, 0x0000, 0x0000, 0xf7fe, 0x0000, 0x2089, 0x2080, 0xf6ff, 0xf7e6, 0xf7f8,
    0xf7bf, 0x2081, 0xf6f9, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0xf7b8, 0x0000, 0x0000,
    0x0000, 0x0000, 0x0000, 0xf6fa, 0x2012, 0xf6e6, 0x0000, 0x0000, 0x0000, 0x0000, 0xf7a1, 0x0000,
    0xf7ff, 0x0000, 0x00b9, 0x00b2, 0x00b3, 0x2074, 0x2075, 0x2076, 0x2077, 0x2079, 0x2070, 0x0000,
    0xf6ec, 0xf6f1, 0xf6f3, 0x0000, 0x0000, 0xf6ed, 0xf6f2, 0xf6eb, 0x0000, 0x0000, 0x0000, 0x0000,
    0x0000, 0xf6ee, 0xf6fb, 0xf6f4, 0xf7af, 0xf6ea, 0x207f, 0xf6ef, 0xf6e2, 0xf6e8, 0xf6f7, 0xf6fc,
    0x0000, 0x0000, 0x0000, 0x0000,
];

/// The built-in encoding of the ZapfDingbats font, code to Unicode (0 = none): Adobe's
/// zapfdingbats.txt glyph list (BSD-3-Clause) applied to the font's encoding, as pdf.js
/// tabulates them (`src/core/encodings.js`, `src/core/glyphlist.js`).
pub(crate) static ZAPF_DINGBATS_ENCODING: [u16; 256] = [
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0020, 0x2701, 0x2702, 0x2703,
    0x2704, 0x260e, 0x2706, 0x2707, 0x2708, 0x2709, 0x261b, 0x261e, 0x270c, 0x270d, 0x270e, 0x270f,
    0x2710, 0x2711, 0x2712, 0x2713, 0x2714, 0x2715, 0x2716, 0x2717, 0x2718, 0x2719, 0x271a, 0x271b,
    0x271c, 0x271d, 0x271e, 0x271f, 0x2720, 0x2721, 0x2722, 0x2723, 0x2724, 0x2725, 0x2726, 0x2727,
    0x2605, 0x2729, 0x272a, 0x272b, 0x272c, 0x272d, 0x272e, 0x272f, 0x2730, 0x2731, 0x2732, 0x2733,
    0x2734, 0x2735, 0x2736, 0x2737, 0x2738, 0x2739, 0x273a, 0x273b, 0x273c, 0x273d, 0x273e, 0x273f,
    0x2740, 0x2741, 0x2742, 0x2743, 0x2744, 0x2745, 0x2746, 0x2747, 0x2748, 0x2749, 0x274a, 0x274b,
    0x25cf, 0x274d, 0x25a0, 0x274f, 0x2750, 0x2751, 0x2752, 0x25b2, 0x25bc, 0x25c6, 0x2756, 0x25d7,
    0x2758, 0x2759, 0x275a, 0x275b, 0x275c, 0x275d, 0x275e, 0x0000, 0x2768, 0x2769, 0x276a, 0x276b,
    0x276c, 0x276d, 0x276e, 0x276f, 0x2770, 0x2771, 0x2772, 0x2773, 0x2774, 0x2775, 0x0000, 0x0000,
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x2761, 0x2762, 0x2763, 0x2764, 0x2765, 0x2766, 0x2767,
    0x2663, 0x2666, 0x2665, 0x2660, 0x2460, 0x2461, 0x2462, 0x2463, 0x2464, 0x2465, 0x2466, 0x2467,
    0x2468, 0x2469, 0x2776, 0x2777, 0x2778, 0x2779, 0x277a, 0x277b, 0x277c, 0x277d, 0x277e, 0x277f,
    0x2780, 0x2781, 0x2782, 0x2783, 0x2784, 0x2785, 0x2786, 0x2787, 0x2788, 0x2789, 0x278a, 0x278b,
    0x278c, 0x278d, 0x278e, 0x278f, 0x2790, 0x2791, 0x2792, 0x2793, 0x2794, 0x2192, 0x2194, 0x2195,
    0x2798, 0x2799, 0x279a, 0x279b, 0x279c, 0x279d, 0x279e, 0x279f, 0x27a0, 0x27a1, 0x27a2, 0x27a3,
    0x27a4, 0x27a5, 0x27a6, 0x27a7, 0x27a8, 0x27a9, 0x27aa, 0x27ab, 0x27ac, 0x27ad, 0x27ae, 0x27af,
    0x0000, 0x27b1, 0x27b2, 0x27b3, 0x27b4, 0x27b5, 0x27b6, 0x27b7, 0x27b8, 0x27b9, 0x27ba, 0x27bb,
    0x27bc, 0x27bd, 0x27be, 0x0000,
];

/// ZapfDingbats glyph names (`a1` … `a191`) and their Unicode, sorted by name bytes.
pub(crate) static DINGBAT_NAMES: NameTable = NameTable {
    names:
        "a1a10a100a101a102a103a104a105a106a107a108a109a11a110a111a112a117a118a119a12a120a121a122\
        a123a124a125a126a127a128a129a13a130a131a132a133a134a135a136a137a138a139a14a140a141a142\
        a143a144a145a146a147a148a149a15a150a151a152a153a154a155a156a157a158a159a16a160a161a162\
        a163a164a165a166a167a168a169a17a170a171a172a173a174a175a176a177a178a179a18a180a181a182\
        a183a184a185a186a187a188a189a19a190a191a192a193a194a195a196a197a198a199a2a20a200a201a202\
        a203a204a205a206a21a22a23a24a25a26a27a28a29a3a30a31a32a33a34a35a36a37a38a39a4a40a41a42\
        a43a44a45a46a47a48a49a5a50a51a52a53a54a55a56a57a58a59a6a60a61a62a63a64a65a66a67a68a69a7\
        a70a71a72a73a74a75a76a77a78a79a8a81a82a83a84a85a86a87a88a89a9a90a91a92a93a94a95a96a97a98\
        a99",
    ends: &[
        2, 5, 9, 13, 17, 21, 25, 29, 33, 37, 41, 45, 48, 52, 56, 60, 64, 68, 72, 75, 79, 83, 87,
        91, 95, 99, 103, 107, 111, 115, 118, 122, 126, 130, 134, 138, 142, 146, 150, 154, 158, 161,
        165, 169, 173, 177, 181, 185, 189, 193, 197, 201, 204, 208, 212, 216, 220, 224, 228, 232,
        236, 240, 244, 247, 251, 255, 259, 263, 267, 271, 275, 279, 283, 287, 290, 294, 298, 302,
        306, 310, 314, 318, 322, 326, 330, 333, 337, 341, 345, 349, 353, 357, 361, 365, 369, 373,
        376, 380, 384, 388, 392, 396, 400, 404, 408, 412, 416, 418, 421, 425, 429, 433, 437, 441,
        445, 449, 452, 455, 458, 461, 464, 467, 470, 473, 476, 478, 481, 484, 487, 490, 493, 496,
        499, 502, 505, 508, 510, 513, 516, 519, 522, 525, 528, 531, 534, 537, 540, 542, 545, 548,
        551, 554, 557, 560, 563, 566, 569, 572, 574, 577, 580, 583, 586, 589, 592, 595, 598, 601,
        604, 606, 609, 612, 615, 618, 621, 624, 627, 630, 633, 636, 638, 641, 644, 647, 650, 653,
        656, 659, 662, 665, 667, 670, 673, 676, 679, 682, 685, 688, 691, 694, 697,
    ],
    values: &[
        0x2701, 0x2721, 0x275e, 0x2761, 0x2762, 0x2763, 0x2764, 0x2710, 0x2765, 0x2766, 0x2767,
        0x2660, 0x261b, 0x2665, 0x2666, 0x2663, 0x2709, 0x2708, 0x2707, 0x261e, 0x2460, 0x2461,
        0x2462, 0x2463, 0x2464, 0x2465, 0x2466, 0x2467, 0x2468, 0x2469, 0x270c, 0x2776, 0x2777,
        0x2778, 0x2779, 0x277a, 0x277b, 0x277c, 0x277d, 0x277e, 0x277f, 0x270d, 0x2780, 0x2781,
        0x2782, 0x2783, 0x2784, 0x2785, 0x2786, 0x2787, 0x2788, 0x2789, 0x270e, 0x278a, 0x278b,
        0x278c, 0x278d, 0x278e, 0x278f, 0x2790, 0x2791, 0x2792, 0x2793, 0x270f, 0x2794, 0x2192,
        0x27a3, 0x2194, 0x2195, 0x2799, 0x279b, 0x279c, 0x279d, 0x279e, 0x2711, 0x279f, 0x27a0,
        0x27a1, 0x27a2, 0x27a4, 0x27a5, 0x27a6, 0x27a7, 0x27a8, 0x27a9, 0x2712, 0x27ab, 0x27ad,
        0x27af, 0x27b2, 0x27b3, 0x27b5, 0x27b8, 0x27ba, 0x27bb, 0x27bc, 0x2713, 0x27bd, 0x27be,
        0x279a, 0x27aa, 0x27b6, 0x27b9, 0x2798, 0x27b4, 0x27b7, 0x27ac, 0x2702, 0x2714, 0x27ae,
        0x27b1, 0x2703, 0x2750, 0x2752, 0x276e, 0x2770, 0x2715, 0x2716, 0x2717, 0x2718, 0x2719,
        0x271a, 0x271b, 0x271c, 0x2722, 0x2704, 0x2723, 0x2724, 0x2725, 0x2726, 0x2727, 0x2605,
        0x2729, 0x272a, 0x272b, 0x272c, 0x260e, 0x272d, 0x272e, 0x272f, 0x2730, 0x2731, 0x2732,
        0x2733, 0x2734, 0x2735, 0x2736, 0x2706, 0x2737, 0x2738, 0x2739, 0x273a, 0x273b, 0x273c,
        0x273d, 0x273e, 0x273f, 0x2740, 0x271d, 0x2741, 0x2742, 0x2743, 0x2744, 0x2745, 0x2746,
        0x2747, 0x2748, 0x2749, 0x274a, 0x271e, 0x274b, 0x25cf, 0x274d, 0x25a0, 0x274f, 0x2751,
        0x25b2, 0x25bc, 0x25c6, 0x2756, 0x271f, 0x25d7, 0x2758, 0x2759, 0x275a, 0x276f, 0x2771,
        0x2772, 0x2773, 0x2768, 0x2720, 0x2769, 0x276c, 0x276d, 0x276a, 0x276b, 0x2774, 0x2775,
        0x275b, 0x275c, 0x275d,
    ],
};

/// The standard strings of CFF (Adobe TN 5176 appendix A), by string id.
pub(crate) static CFF_STANDARD_STRINGS: StringTable = StringTable {
    text: ".notdefspaceexclamquotedblnumbersigndollarpercentampersandquoterightparenleftparenright\
        asteriskpluscommahyphenperiodslashzeroonetwothreefourfivesixseveneightninecolonsemicolon\
        lessequalgreaterquestionatABCDEFGHIJKLMNOPQRSTUVWXYZbracketleftbackslashbracketright\
        asciicircumunderscorequoteleftabcdefghijklmnopqrstuvwxyzbraceleftbarbracerightasciitilde\
        exclamdowncentsterlingfractionyenflorinsectioncurrencyquotesinglequotedblleft\
        guillemotleftguilsinglleftguilsinglrightfiflendashdaggerdaggerdblperiodcenteredparagraph\
        bulletquotesinglbasequotedblbasequotedblrightguillemotrightellipsisperthousand\
        questiondowngraveacutecircumflextildemacronbrevedotaccentdieresisringcedillahungarumlaut\
        ogonekcaronemdashAEordfeminineLslashOslashOEordmasculineaedotlessilslashoslashoe\
        germandblsonesuperiorlogicalnotmutrademarkEthonehalfplusminusThornonequarterdivide\
        brokenbardegreethornthreequarterstwosuperiorregisteredminusethmultiplythreesuperior\
        copyrightAacuteAcircumflexAdieresisAgraveAringAtildeCcedillaEacuteEcircumflexEdieresis\
        EgraveIacuteIcircumflexIdieresisIgraveNtildeOacuteOcircumflexOdieresisOgraveOtildeScaron\
        UacuteUcircumflexUdieresisUgraveYacuteYdieresisZcaronaacuteacircumflexadieresisagrave\
        aringatildeccedillaeacuteecircumflexedieresisegraveiacuteicircumflexidieresisigrave\
        ntildeoacuteocircumflexodieresisograveotildescaronuacuteucircumflexudieresisugraveyacute\
        ydieresiszcaronexclamsmallHungarumlautsmalldollaroldstyledollarsuperiorampersandsmall\
        Acutesmallparenleftsuperiorparenrightsuperiortwodotenleaderonedotenleaderzerooldstyle\
        oneoldstyletwooldstylethreeoldstylefouroldstylefiveoldstylesixoldstylesevenoldstyle\
        eightoldstylenineoldstylecommasuperiorthreequartersemdashperiodsuperiorquestionsmall\
        asuperiorbsuperiorcentsuperiordsuperioresuperiorisuperiorlsuperiormsuperiornsuperior\
        osuperiorrsuperiorssuperiortsuperiorffffifflparenleftinferiorparenrightinferior\
        CircumflexsmallhyphensuperiorGravesmallAsmallBsmallCsmallDsmallEsmallFsmallGsmallHsmall\
        IsmallJsmallKsmallLsmallMsmallNsmallOsmallPsmallQsmallRsmallSsmallTsmallUsmallVsmall\
        WsmallXsmallYsmallZsmallcolonmonetaryonefittedrupiahTildesmallexclamdownsmall\
        centoldstyleLslashsmallScaronsmallZcaronsmallDieresissmallBrevesmallCaronsmall\
        DotaccentsmallMacronsmallfiguredashhypheninferiorOgoneksmallRingsmallCedillasmall\
        questiondownsmalloneeighththreeeighthsfiveeighthsseveneighthsonethirdtwothirds\
        zerosuperiorfoursuperiorfivesuperiorsixsuperiorsevensuperioreightsuperiorninesuperior\
        zeroinferioroneinferiortwoinferiorthreeinferiorfourinferiorfiveinferiorsixinferior\
        seveninferioreightinferiornineinferiorcentinferiordollarinferiorperiodinferior\
        commainferiorAgravesmallAacutesmallAcircumflexsmallAtildesmallAdieresissmallAringsmall\
        AEsmallCcedillasmallEgravesmallEacutesmallEcircumflexsmallEdieresissmallIgravesmall\
        IacutesmallIcircumflexsmallIdieresissmallEthsmallNtildesmallOgravesmallOacutesmall\
        OcircumflexsmallOtildesmallOdieresissmallOEsmallOslashsmallUgravesmallUacutesmall\
        UcircumflexsmallUdieresissmallYacutesmallThornsmallYdieresissmall001.000001.001001.002\
        001.003BlackBoldBookLightMediumRegularRomanSemibold",
    ends: &[
        7, 12, 18, 26, 36, 42, 49, 58, 68, 77, 87, 95, 99, 104, 110, 116, 121, 125, 128, 131, 136,
        140, 144, 147, 152, 157, 161, 166, 175, 179, 184, 191, 199, 201, 202, 203, 204, 205, 206,
        207, 208, 209, 210, 211, 212, 213, 214, 215, 216, 217, 218, 219, 220, 221, 222, 223, 224,
        225, 226, 227, 238, 247, 259, 270, 280, 289, 290, 291, 292, 293, 294, 295, 296, 297, 298,
        299, 300, 301, 302, 303, 304, 305, 306, 307, 308, 309, 310, 311, 312, 313, 314, 315, 324,
        327, 337, 347, 357, 361, 369, 377, 380, 386, 393, 401, 412, 424, 437, 450, 464, 466, 468,
        474, 480, 489, 503, 512, 518, 532, 544, 557, 571, 579, 590, 602, 607, 612, 622, 627, 633,
        638, 647, 655, 659, 666, 678, 684, 689, 695, 697, 708, 714, 720, 722, 734, 736, 744, 750,
        756, 758, 768, 779, 789, 791, 800, 803, 810, 819, 824, 834, 840, 849, 855, 860, 873, 884,
        894, 899, 902, 910, 923, 932, 938, 949, 958, 964, 969, 975, 983, 989, 1000, 1009, 1015,
        1021, 1032, 1041, 1047, 1053, 1059, 1070, 1079, 1085, 1091, 1097, 1103, 1114, 1123, 1129,
        1135, 1144, 1150, 1156, 1167, 1176, 1182, 1187, 1193, 1201, 1207, 1218, 1227, 1233, 1239,
        1250, 1259, 1265, 1271, 1277, 1288, 1297, 1303, 1309, 1315, 1321, 1332, 1341, 1347, 1353,
        1362, 1368, 1379, 1396, 1410, 1424, 1438, 1448, 1465, 1483, 1497, 1511, 1523, 1534, 1545,
        1558, 1570, 1582, 1593, 1606, 1619, 1631, 1644, 1663, 1677, 1690, 1699, 1708, 1720, 1729,
        1738, 1747, 1756, 1765, 1774, 1783, 1792, 1801, 1810, 1812, 1815, 1818, 1835, 1853, 1868,
        1882, 1892, 1898, 1904, 1910, 1916, 1922, 1928, 1934, 1940, 1946, 1952, 1958, 1964, 1970,
        1976, 1982, 1988, 1994, 2000, 2006, 2012, 2018, 2024, 2030, 2036, 2042, 2048, 2061, 2070,
        2076, 2086, 2101, 2113, 2124, 2135, 2146, 2159, 2169, 2179, 2193, 2204, 2214, 2228, 2239,
        2248, 2260, 2277, 2286, 2298, 2309, 2321, 2329, 2338, 2350, 2362, 2374, 2385, 2398, 2411,
        2423, 2435, 2446, 2457, 2470, 2482, 2494, 2505, 2518, 2531, 2543, 2555, 2569, 2583, 2596,
        2607, 2618, 2634, 2645, 2659, 2669, 2676, 2689, 2700, 2711, 2727, 2741, 2752, 2763, 2779,
        2793, 2801, 2812, 2823, 2834, 2850, 2861, 2875, 2882, 2893, 2904, 2915, 2931, 2945, 2956,
        2966, 2980, 2987, 2994, 3001, 3008, 3013, 3017, 3021, 3026, 3032, 3039, 3044, 3052,
    ],
};
