"""Function words and stemmers of the languages other than English that storyline reads.

Story clustering compares reports by their content words. A report in another language read with
English rules keeps all its function words ("de", "la", "que", "der", "und"), and since few other
reports share them they weigh as much as rare names: every Spanish report looked like every other,
and reports of different events in one language became one story. Each language here has its own
Snowball stemmer (PyStemmer) and its own list of words that say nothing of an event: articles,
pronouns, prepositions, conjunctions, auxiliaries, frequent adverbs, reporting verbs, numerals
up to ten, and the names of days and months (they say when, not what). Languages not listed here
(English, and Chinese, Japanese, Korean and Thai, which have no Snowball stemmer) are read with the
English rules of ``storyline.terms``.
"""

from __future__ import annotations

import re
from typing import TypeGuard


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STEMMER_NAMES = {
    "ar": "arabic",
    "de": "german",
    "es": "spanish",
    "fr": "french",
    "it": "italian",
    "nl": "dutch",
    "pl": "polish",
    "pt": "portuguese",
    "ru": "russian",
    "tr": "turkish",
}
"""The PyStemmer algorithm of each language read with its own rules."""

FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "de": _words(
        """
        der die das des dem den ein eine einer eines einem einen kein keine keinen keiner keines
        keinem und oder aber doch sondern denn dass daß ob wenn weil als wie wo was wer wen wem
        wessen welche welcher welches welchem welchen dieser diese dieses diesem diesen jener jene
        jenes ich du er sie es wir ihr mich mir dich dir ihn ihm uns euch ihnen sich sein seine
        seiner seines seinem seinen ihre ihrer ihres ihrem ihren unser unsere unseren unserem mein
        meine dein deine euer eure man in im ins an am ans auf aus bei beim mit nach seit von vom
        zu zum zur über unter vor vorm hinter neben zwischen durch für gegen ohne um bis während
        wegen trotz laut gemäß ab pro je ist sind war waren bin bist seid wird werden wurde wurden
        worden geworden hat haben hatte hatten habe hast gehabt sein gewesen kann können konnte
        konnten muss müssen musste mussten soll sollen sollte sollten will wollen wollte wollten
        darf dürfen durfte mag möchte möchten würde würden wäre wären hätte hätten nicht nur auch
        noch schon sehr so dann da dort hier jetzt nun immer wieder mehr weniger viel viele vielen
        etwa rund fast bereits ebenfalls zudem jedoch allerdings also damit dabei dafür dazu daher
        darauf darüber davon dagegen deshalb sowie sowohl weder nach einem etwas alle allen aller
        alles andere anderen anderer jeder jede jedes jeden jedem beiden mehrere einige einigen
        sagte sagt sagten erklärte berichtete hieß heißt teilte mit sei seien gab gibt nachdem
        bisher weitere weiteren weiterer mindestens zufolge zwei drei vier fünf sechs
        sieben acht neun zehn jahr jahre jahren jahres neue neuen neuer neues heute gestern morgen
        montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag januar jänner februar
        märz april mai juni juli august september oktober november dezember herr frau uhr prozent
        """
    ),
    "es": _words(
        """
        el la lo los las un una unos unas al del de a ante bajo con contra desde durante en entre
        hacia hasta mediante para por según sin sobre tras y e o u ni pero sino que quien quienes
        cual cuales cuyo cuya como cuando donde cuanto cuanta cuantos qué quién cuál cómo cuándo
        dónde porque pues aunque si sí no ya también tampoco muy más menos tan tanto mucho mucha
        muchos muchas poco pocos otro otra otros otras todo toda todos todas cada mismo misma
        mismos mismas este esta estos estas ese esa esos esas aquel aquella esto eso aquello yo tú
        él ella ello nosotros nosotras vosotros ellos ellas usted ustedes me te se nos os le les
        mi mis tu tus su sus nuestro nuestra nuestros nuestras es son era eran fue fueron ser sido
        siendo será serán sería está están estaba estaban estar estuvo ha han había habían
        haber habido hay hubo habrá habría he hemos tiene tienen tenía tener tuvo puede pueden
        podría poder debe deben deber hace hacer hizo según además sólo solo ahora aún entonces
        así ayer hoy mañana luego después antes mientras siempre nunca casi unos dijo dice dicen
        afirmó aseguró señaló explicó indicó informó declaró uno dos tres cuatro cinco seis siete
        ocho nueve diez año años nuevo nueva nuevos nuevas lunes martes miércoles jueves viernes
        sábado domingo enero febrero marzo abril mayo junio julio agosto septiembre setiembre
        octubre noviembre diciembre señor señora sr sra ciento
        """
    ),
    "fr": _words(
        """
        le la les l un une des du de d au aux à a en dans par pour sur sous avec sans chez entre
        vers contre depuis pendant avant après selon malgré et ou où mais donc or ni car que qu qui
        quoi dont quand comme si ne n pas plus moins très trop tout toute tous toutes autre autres
        même mêmes ce cet cette ces c ça cela ceci celui celle ceux celles je j tu il elle on nous
        vous ils elles me m te t se s lui leur leurs eux y son sa ses mon ma mes ton ta tes notre
        nos votre vos est sont était étaient été être sera seront serait fut a ont avait avaient
        avoir aura auront aurait eu peut peuvent pouvait pourrait doit doivent devait fait faire
        font encore déjà aussi ainsi alors puis ensuite toujours jamais ici là aujourd hui hier
        demain aujourd'hui bien peu beaucoup environ presque lors dit dire déclaré affirmé
        indiqué expliqué plusieurs notamment également afin dès
        selon un deux trois quatre cinq six sept huit neuf dix an ans année années nouveau
        nouvelle nouveaux nouvelles lundi mardi mercredi jeudi vendredi samedi dimanche janvier
        février mars avril mai juin juillet août septembre octobre novembre décembre m mme
        monsieur madame heures
        """
    ),
    "it": _words(
        """
        il lo la i gli le l un uno una di del dello della dei degli delle d a al allo alla ai
        agli alle all da dal dallo dalla dai dagli dalle dall in nel nello nella nei negli nelle
        nell con col su sul sullo sulla sui sugli sulle sull per tra fra e ed o od ma però né che
        chi cui quale quali come dove quando perché se non più meno molto molti molta molte poco
        tutto tutti tutta tutte altro altri altra altre stesso stessa questo questa questi queste
        quello quella quelli quelle io tu lui lei noi voi loro mi ti si ci vi ne gli suo sua suoi
        sue mio mia nostro nostra è sono era erano fu furono essere stato stata stati state sarà
        saranno sarebbe ha hanno aveva avevano avere avuto avrà avrebbe può possono potrebbe deve
        devono fa fare anche ancora già poi ora oggi ieri domani sempre mai così quindi dunque
        invece circa quasi secondo dopo prima durante mentre detto ha dichiarato spiegato uno due
        tre quattro cinque sei sette otto nove dieci anno anni nuovo nuova nuovi nuove lunedì
        martedì mercoledì giovedì venerdì sabato domenica gennaio febbraio marzo aprile maggio
        giugno luglio agosto settembre ottobre novembre dicembre signor signora
        """
    ),
    "pt": _words(
        """
        o a os as um uma uns umas ao aos à às do da dos das de d em no na nos nas num numa por pelo
        pela pelos pelas para pra com sem sob sobre entre até desde após contra durante e ou mas
        nem porém que quem qual quais cujo cuja como quando onde porque se não sim já também
        muito muita muitos muitas mais menos pouco todo toda todos todas outro outra outros outras
        mesmo mesma este esta estes estas esse essa esses essas aquele aquela isto isso aquilo eu
        tu ele ela nós vós eles elas você vocês me te lhe lhes nos vos seu sua seus suas meu minha
        nosso nossa é são era eram foi foram ser sido será serão seria está estão estava estavam
        estar esteve há havia ter tem têm tinha tinham teve terá teria pode podem poderia deve
        devem fazer faz fez ainda agora hoje ontem amanhã sempre nunca assim então depois antes
        enquanto cerca quase segundo disse diz afirmou declarou informou explicou um dois duas
        três quatro cinco seis sete oito nove dez ano anos novo nova novos novas segunda terça
        quarta quinta sexta sábado domingo feira janeiro fevereiro março abril maio junho julho
        agosto setembro outubro novembro dezembro senhor senhora sr sra
        """
    ),
    "nl": _words(
        """
        de het een en of maar dat die dit deze wat wie waar wanneer hoe waarom omdat als dan want
        toch nog al ook wel niet geen niets iets ik jij je u hij zij ze wij we jullie mij me hem
        haar ons hun hen zich zijn mijn jouw uw onze van in op aan met voor door bij naar over
        onder tegen tussen uit om tot zonder na sinds tijdens volgens is zijn was waren ben bent
        wordt worden werd werden geworden heeft hebben had hadden gehad kan kunnen kon konden zal
        zullen zou zouden moet moeten moest wil willen wilde mag mogen er hier daar nu dan toen
        zo zeer heel veel meer minder weer alle alles ander andere elke ieder iedere enkele
        ongeveer bijna reeds al zei zegt zeggen aldus twee drie vier vijf zes zeven acht negen
        tien jaar jaren nieuwe nieuw vandaag gisteren morgen maandag dinsdag woensdag donderdag
        vrijdag zaterdag zondag januari februari maart april mei juni juli augustus september
        oktober november december meneer mevrouw procent uur
        """
    ),
    "ru": _words(
        """
        и в во на не что с со по к ко у о об от до из за для при без под над перед между через
        а но или да же ли бы ни как так также тоже только уже еще ещё когда где куда откуда
        почему потому чтобы если то это этот эта эти этого этой этих том тот та те того той тех
        он она оно они его её ее их ему ей им ими нему ней них него я ты мы вы меня мне нас нам
        вас вам себя себе свой своя своё свои своего своей своих который которая которое которые
        которого которой которых весь вся всё все всех всего всем был была было были быть будет
        будут есть является являются может могут мог могла можно нужно должен должна должны
        очень более менее много мало около почти также после до во время сказал сказала заявил
        заявила сообщил сообщила отметил отметила по словам один одна одно два две три четыре пять
        шесть семь восемь девять десять год года году лет новый новая новые сегодня вчера завтра
        понедельник вторник среда среду четверг пятница пятницу суббота субботу воскресенье января
        февраля марта апреля мая июня июля августа сентября октября ноября декабря январь февраль
        март апрель май июнь июль август сентябрь октябрь ноябрь декабрь
        """
    ),
    "pl": _words(
        """
        i w we na z ze do od o po za przez przy dla bez pod nad przed między u a ale lub albo
        czy że jak gdy gdzie kiedy który która które którzy którego której jest są był była było
        byli były być będzie będą ma mają miał miała może mogą można nie tak też także jeszcze
        już tylko bardzo więcej mniej ten ta to te tego tej tym tych on ona ono oni one jego jej
        ich go mu im się sobie swój swoja swoje oraz jednak około prawie według został została
        zostały zostało powiedział
        powiedziała poinformował jeden jedna dwa dwie trzy cztery pięć sześć siedem osiem
        dziewięć dziesięć rok roku lat nowy nowa nowe dziś dzisiaj wczoraj jutro poniedziałek
        wtorek środa czwartek piątek sobota niedziela stycznia lutego marca kwietnia maja czerwca
        lipca sierpnia września października listopada grudnia
        """
    ),
    "tr": _words(
        """
        ve ile bir bu şu o da de ki mi mı mu mü ama fakat ancak veya ya için gibi kadar daha çok
        en az her hiç bazı tüm bütün olan olarak olduğu olduğunu oldu olmuş olacak olması ise
        değil var yok sonra önce göre karşı arasında üzerinde tarafından ben sen biz siz onlar
        etti edildi eden diye ayrıca şekilde
        onun onu ona bunu bunun buna şunu kendi dedi söyledi açıkladı belirtti iki üç dört beş
        altı yedi sekiz dokuz on yıl yılı yeni bugün dün yarın pazartesi salı çarşamba perşembe
        cuma cumartesi pazar ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım
        aralık
        """
    ),
    "ar": _words(
        """
        في من إلى على عن مع هذا هذه ذلك تلك التي الذي الذين و أو ثم لكن لا لم لن ما كان كانت
        يكون تكون قد كما بعد قبل بين حتى عند أن إن أنه إنه هو هي هم نحن أنا كل بعض غير أي وقد
        وفي ومن وأن وهو وهي فيه فيها منه منها عليه عليها له لها به بها قال وقال قالت وقالت أكد
        أضاف أوضح خلال حيث واحد اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة عام العام
        اليوم أمس
        الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد يناير فبراير مارس أبريل مايو يونيو
        يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر
        """
    ),
}
"""Each language's words that say nothing of an event, lower-case, as ``TermExtractor.words``
writes them (the stop words of English are ``storyline.terms.STOPWORDS``)."""

ATTACHED_PREFIXES: dict[str, re.Pattern[str]] = {
    "fr": re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['’](?=[^\W\d_])"),
    "it": re.compile(
        r"^(?:[cdlmnstv]|un|all|dall|dell|nell|sull|quell|quest|coll)['’](?=[^\W\d_])"
    ),
    "ar": re.compile(r"^[وف](?=ال)"),
}
"""What a word may open with that is not part of it, dropped before the word is stemmed: the
elided article or pronoun of a French or Italian word ("l'armée", "dell'esercito"), and the
"and" (و, ف) written onto an Arabic word with its article ("والحكومة": "and the government"),
which Arabic's stemmer leaves on."""


def has_own_rules(language: str | None) -> TypeGuard[str]:
    """Whether words of ``language`` (an ISO 639-1 code) are read with rules of their own."""
    return language in STEMMER_NAMES
