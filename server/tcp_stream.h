#pragma once

#include <QByteArray>
#include <QObject>

class QSocketNotifier;

namespace digitpad {

// One accepted TCP connection, read and written without blocking on the event loop. QTcpSocket
// is not used for clients because it closes the socket the moment it reads the client's FIN: a
// client that half-closes after its request (shutdown(SHUT_WR), as `nc -N` does) could never be
// answered. Here the end of the client's data is only noted, and writing goes on.
class TcpStream : public QObject {
    Q_OBJECT

  public:
    // Takes a connected, non-blocking socket; deleting the stream closes it at once.
    explicit TcpStream(int descriptor, QObject *parent = nullptr);
    ~TcpStream() override;
    TcpStream(const TcpStream &) = delete;
    TcpStream &operator=(const TcpStream &) = delete;

    // Up to `maxBytes` of what the client sent; empty when nothing waits, at its end, or after
    // an error (isBroken()).
    QByteArray read(qint64 maxBytes);
    // The client has said it sends nothing more (FIN), and all it sent has been read.
    bool atEnd() const { return m_atEnd; }
    // The connection failed (reset by the client, ...): nothing more goes either way.
    bool isBroken() const { return m_broken; }
    // Whether readyRead() is wanted; off while the reader holds as much as it takes at once
    // (otherwise unread bytes would wake the event loop again and again).
    void setReading(bool reading);

    // Queued, then sent as the client takes it; written() says when all of it has gone.
    void write(const QByteArray &bytes);
    qint64 bytesToWrite() const { return m_unsent.size(); }
    // Once everything queued has gone, tells the client that nothing more will come (FIN).
    void finishWriting();

  Q_SIGNALS:
    void readyRead();
    void written();
    void broken(); // a write failed: the client has gone

  private:
    void flush();
    void breakDown();

    int m_descriptor;
    QSocketNotifier *m_readNotifier;
    QSocketNotifier *m_writeNotifier;
    QByteArray m_unsent;
    bool m_atEnd = false;
    bool m_broken = false;
    bool m_finishing = false;
};

} // namespace digitpad
